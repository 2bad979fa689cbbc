package io.github.dbperf.autoconfigure;

import org.jspecify.annotations.Nullable;

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
		return analysis(cause.getProperty(), cause.getValue(), cause.getAllowed(), cause);
	}

	static FailureAnalysis analysis(String property, @Nullable Object value, String allowed, Throwable cause) {
		String description = String.format("Invalid value '%s' for configuration property '%s'.", value, property);
		String action = String.format("Set '%s' to an allowed value: %s.", property, allowed);
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
