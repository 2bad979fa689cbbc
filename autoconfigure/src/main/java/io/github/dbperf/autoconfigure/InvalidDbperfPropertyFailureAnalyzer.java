package io.github.dbperf.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an {@link InvalidDbperfPropertyException} at startup: the property, the bad
 * value and what is allowed. Ordered before Boot's generic bind analyzer, which would
 * otherwise report the wrapping bind failure.
 *
 * @author dbperf
 * @since 0.1.0
 */
class InvalidDbperfPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDbperfPropertyException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDbperfPropertyException cause) {
		String description = String.format("Invalid value '%s' for configuration property '%s'.", cause.getValue(),
				cause.getProperty());
		String action = String.format("Set '%s' to an allowed value: %s.", cause.getProperty(), cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
