package io.github.dbperf.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a {@link Rule} found, where and how often.
 *
 * @param rule the rule's id
 * @param severity how much it hurts, after the user's settings
 * @param message what is wrong, in plain words, naming the place
 * @param fix how to fix it, such as runnable DDL, the property to set or the code change
 * @param where where it fired
 * @param count how many times it fired (1 for startup checks)
 * @author dbperf
 * @since 0.1.0
 */
public record Finding(String rule, Severity severity, String message, String fix, Where where, long count) {

	/**
	 * Return where the rule is documented.
	 * @return the link to its section in {@code docs/rules.md}
	 */
	@JsonProperty
	public String docs() {
		return "docs/rules.md#" + this.rule;
	}

	/**
	 * Return this finding at another severity.
	 * @param severity the severity
	 * @return the finding
	 */
	public Finding withSeverity(Severity severity) {
		return new Finding(this.rule, severity, this.message, this.fix, this.where, this.count);
	}

	/**
	 * Return this finding with another count.
	 * @param count how many times it fired
	 * @return the finding
	 */
	public Finding withCount(long count) {
		return new Finding(this.rule, this.severity, this.message, this.fix, this.where, count);
	}

	@Override
	public String toString() {
		return this.severity + " [" + this.rule + "] " + this.message + " Fix: " + this.fix;
	}

}
