package io.github.dbperf.autoconfigure.rules;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for the rule catalogue. Each rule is also configured under its own id,
 * {@code dbperf.rules.<id>.enabled} and {@code dbperf.rules.<id>.severity}; those are
 * bound by {@link RuleSettingsBinder}, since a map at {@code dbperf.rules} would also
 * claim {@code ignore}.
 *
 * @author dbperf
 * @since 0.2.0
 */
@ConfigurationProperties("dbperf.rules")
public class RulesProperties {

	/**
	 * Findings to drop, each by rule id ("*" for every rule) and a pattern on where it
	 * fired: Entity.field, a fingerprint id, a call site, a table, a setting, a unit of
	 * work or a DataSource name, with "*" wildcards.
	 */
	private List<Ignore> ignore = new ArrayList<>();

	public List<Ignore> getIgnore() {
		return this.ignore;
	}

	public void setIgnore(List<Ignore> ignore) {
		this.ignore = ignore;
	}

	/**
	 * Findings to drop.
	 */
	public static class Ignore {

		/**
		 * The rule id, or "*" for every rule.
		 */
		private String rule = "*";

		/**
		 * A pattern on where the finding fired, with "*" wildcards, such as Owner.pets or
		 * spring.jpa.open-in-view; "*" for everywhere.
		 */
		private String where = "*";

		public String getRule() {
			return this.rule;
		}

		public void setRule(String rule) {
			this.rule = rule;
		}

		public String getWhere() {
			return this.where;
		}

		public void setWhere(String where) {
			this.where = where;
		}

	}

}
