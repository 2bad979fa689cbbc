package io.github.dbperf.autoconfigure;

import io.github.dbperf.cache.InvalidCachedQueryException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidCachedQueryException} at startup: the method, what is wrong
 * and what to do.
 *
 * @author dbperf
 * @since 0.1.0
 */
class InvalidCachedQueryFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCachedQueryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCachedQueryException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getFix(), cause);
	}

}
