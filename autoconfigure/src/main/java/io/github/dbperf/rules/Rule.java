package io.github.dbperf.rules;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * One anti-pattern: a stable id, its category, how much it hurts by default, what it says
 * and how to fix it.
 *
 * @param id the stable kebab-case id, such as {@code jpa-eager-to-many}; also the
 * property key in {@code dbperf.rules.<id>.*} and the anchor in {@code docs/rules.md}
 * @param category where and when it runs
 * @param severity the default severity
 * @param title one line saying what is wrong
 * @param fix one line saying how to fix it
 * @author dbperf
 * @since 0.2.0
 */
public record Rule(String id, RuleCategory category, Severity severity, String title, String fix) {

	private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

	public Rule {
		Assert.isTrue(KEBAB.matcher(id).matches(), () -> "Rule id '" + id + "' is not kebab-case");
	}

	/**
	 * Return where the rule is documented, relative to the project's root.
	 * @return the link to its section in {@code docs/rules.md}
	 */
	public String docs() {
		return "docs/rules.md#" + this.id;
	}

	/**
	 * Report a finding of this rule at its default severity.
	 * @param message what is wrong, in plain words, naming the place
	 * @param where where it fired
	 * @return the finding, counted once
	 */
	public Finding finding(String message, Where where) {
		return new Finding(this.id, this.severity, message, this.fix, where, 1);
	}

	/**
	 * Report a finding of this rule at its default severity with a fix for this place.
	 * @param message what is wrong, in plain words, naming the place
	 * @param fix how to fix it here, such as runnable DDL or the property to set
	 * @param where where it fired
	 * @return the finding, counted once
	 */
	public Finding finding(String message, String fix, Where where) {
		return new Finding(this.id, this.severity, message, fix, where, 1);
	}

}
