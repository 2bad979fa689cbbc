package io.github.dbperf.autoconfigure.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Binds {@code dbperf.rules.<id>.enabled} and {@code dbperf.rules.<id>.severity} for
 * every rule in the catalogue, and fails on properties naming rules that do not exist.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class RuleSettingsBinder {

	private static final String PREFIX = "dbperf.rules";

	private static final ConfigurationPropertyName PREFIX_NAME = ConfigurationPropertyName.of(PREFIX);

	private static final String SEVERITIES = "error, warn, info";

	private RuleSettingsBinder() {
	}

	/**
	 * Bind the settings.
	 * @param environment the environment holding the properties
	 * @param properties the bound ignore list
	 * @return the settings
	 * @throws UnknownRuleException when a property names an unknown rule
	 * @throws InvalidDbperfPropertyException when a severity is not one of error, warn,
	 * info
	 */
	static RuleSettings bind(Environment environment, RulesProperties properties) {
		checkRuleIds(environment);
		Binder binder = Binder.get(environment);
		Map<String, Boolean> enabled = new HashMap<>();
		Map<String, Severity> severities = new HashMap<>();
		for (Rule rule : Rules.all()) {
			String prefix = PREFIX + "." + rule.id() + ".";
			binder.bind(prefix + "enabled", Boolean.class).ifBound((value) -> enabled.put(rule.id(), value));
			binder.bind(prefix + "severity", String.class)
				.ifBound((value) -> severities.put(rule.id(), severity(prefix + "severity", value)));
		}
		List<RuleSettings.Ignore> ignores = new ArrayList<>();
		for (int i = 0; i < properties.getIgnore().size(); i++) {
			RulesProperties.Ignore ignore = properties.getIgnore().get(i);
			if (!ignore.getRule().equals("*") && Rules.find(ignore.getRule()) == null) {
				throw new UnknownRuleException(PREFIX + ".ignore[" + i + "].rule", ignore.getRule());
			}
			ignores.add(new RuleSettings.Ignore(ignore.getRule(), ignore.getWhere()));
		}
		return new RuleSettings(enabled, severities, ignores);
	}

	private static Severity severity(String property, String value) {
		try {
			return Severity.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDbperfPropertyException(property, value, SEVERITIES);
		}
	}

	private static void checkRuleIds(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(PREFIX_NAME::isAncestorOf).forEach(RuleSettingsBinder::checkRuleId);
			}
		}
	}

	// Compared in uniform form, so that DBPERF_RULES_JPAEAGERTOMANY_ENABLED counts as
	// known
	private static void checkRuleId(ConfigurationPropertyName name) {
		String element = name.getElement(PREFIX_NAME.getNumberOfElements(), Form.UNIFORM);
		if (element.equals("ignore")) {
			return;
		}
		for (Rule rule : Rules.all()) {
			if (rule.id().replace("-", "").equals(element)) {
				return;
			}
		}
		throw new UnknownRuleException(name.toString(),
				name.getElement(PREFIX_NAME.getNumberOfElements(), Form.DASHED));
	}

}
