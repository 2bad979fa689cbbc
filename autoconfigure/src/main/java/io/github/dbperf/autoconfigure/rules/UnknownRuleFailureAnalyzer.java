package io.github.dbperf.autoconfigure.rules;

import java.util.stream.Collectors;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an {@link UnknownRuleException} with the rule ids that exist.
 *
 * @author dbperf
 * @since 0.2.0
 */
class UnknownRuleFailureAnalyzer extends AbstractFailureAnalyzer<UnknownRuleException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownRuleException cause) {
		String description = String.format("Configuration property '%s' names the unknown rule '%s'.",
				cause.getProperty(), cause.getRule());
		String action = String.format("Use one of the rule ids (see docs/rules.md) or remove the property: %s.",
				Rules.all().stream().map(Rule::id).collect(Collectors.joining(", ")));
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
