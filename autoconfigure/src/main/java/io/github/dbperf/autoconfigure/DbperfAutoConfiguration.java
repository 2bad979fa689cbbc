package io.github.dbperf.autoconfigure;

import java.util.List;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.StartupPhase;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for what every dbperf capability shares.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DbperfProperties.class)
public final class DbperfAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ApplicationFrames dbperfApplicationFrames(DbperfProperties properties, BeanFactory beanFactory) {
		List<String> packages = properties.getApplicationPackages();
		if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
			packages = AutoConfigurationPackages.get(beanFactory);
		}
		return new ApplicationFrames(packages);
	}

	@Bean
	@ConditionalOnMissingBean
	StartupPhase dbperfStartupPhase() {
		return new StartupPhase();
	}

	@Bean
	StartupPhaseListener dbperfStartupPhaseListener(ObjectProvider<StartupPhase> phase) {
		return new StartupPhaseListener(phase);
	}

}
