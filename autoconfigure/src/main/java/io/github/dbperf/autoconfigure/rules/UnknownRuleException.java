package io.github.dbperf.autoconfigure.rules;

/**
 * Thrown at startup when a {@code dbperf.rules.*} property names a rule the catalogue
 * does not have. Reported by {@link UnknownRuleFailureAnalyzer}.
 *
 * @author dbperf
 * @since 0.2.0
 */
public class UnknownRuleException extends IllegalArgumentException {

	private final String property;

	private final String rule;

	/**
	 * Create a new exception.
	 * @param property the full property name
	 * @param rule the unknown id
	 */
	public UnknownRuleException(String property, String rule) {
		super("Property '" + property + "' names the unknown rule '" + rule + "'");
		this.property = property;
		this.rule = rule;
	}

	public String getProperty() {
		return this.property;
	}

	public String getRule() {
		return this.rule;
	}

}
