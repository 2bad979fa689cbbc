package io.github.dbperf.autoconfigure.rules;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.rules.RuleSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the rule catalogue's {@link RuleSettings}: which rules run, at
 * which severity, and which findings are ignored.
 *
 * @author dbperf
 * @since 0.2.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RulesProperties.class)
public final class RulesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RuleSettings dbperfRuleSettings(Environment environment, RulesProperties properties) {
		return RuleSettingsBinder.bind(environment, properties);
	}

}
