package io.github.dbperf.autoconfigure.nplusone;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.nplusone.AssociationResolver;
import io.github.dbperf.nplusone.Incident;
import io.github.dbperf.nplusone.IncidentKind;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.RuntimeFindings;
import io.github.dbperf.nplusone.RuntimeRules;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.nplusone.QueryScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for N+1 detection: the detector, units of work for HTTP requests,
 * outermost transactions, {@code @Scheduled} and {@code @Async} runs and message
 * listeners, and association naming with Hibernate.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NPlusOneProperties.class)
public final class NPlusOneAutoConfiguration {

	private static final int MAX_UNIT_TAGS = 100;

	@Bean
	@ConditionalOnMissingBean
	NPlusOneDetector dbperfNPlusOneDetector(NPlusOneProperties properties, ApplicationFrames applicationFrames,
			ObjectProvider<AssociationResolver> associations, ObjectProvider<Consumer<Incident>> incidentListeners,
			ObjectProvider<RuleSettings> ruleSettings) {
		NPlusOneProperties.RuntimeRules thresholds = properties.getRuntimeRules();
		RuleSettings rules = ruleSettings.getIfAvailable(RuleSettings::defaults);
		RuntimeRules runtimeRules = new RuntimeRules(thresholds.getMaxStatementsPerUnit(),
				thresholds.getMinUnbatchedInserts(), thresholds.getMinAutoCommitWrites(), thresholds.getMaxResultRows(),
				rules::isEnabled);
		NPlusOneDetector.Settings settings = new NPlusOneDetector.Settings(properties.getMode(),
				properties.getMinRepeats(), properties.getIgnore(), properties.getMaxFingerprintsPerUnit(),
				properties.getLogInterval());
		return new NPlusOneDetector(settings, applicationFrames, (fingerprint, tablesRead) -> {
			AssociationResolver resolver = associations.getIfAvailable();
			return (resolver != null) ? resolver.resolve(fingerprint, tablesRead) : null;
		}, new IncidentStore(properties.getMaxIncidents()),
				(incident) -> incidentListeners.orderedStream().forEach((listener) -> listener.accept(incident)),
				runtimeRules, thresholds.getMaxFindings());
	}

	@Bean
	@ConditionalOnMissingBean
	RuntimeFindings dbperfRuntimeFindings(NPlusOneDetector detector) {
		return detector.runtimeFindings();
	}

	@Bean
	QueryScopeInstaller dbperfQueryScopeInstaller(NPlusOneDetector detector) {
		return new QueryScopeInstaller(detector);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TransactionExecutionListener.class)
	static class TransactionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TransactionUnitOfWorkListener dbperfTransactionUnitOfWorkListener(NPlusOneDetector detector) {
			return new TransactionUnitOfWorkListener(detector);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		IncidentCounter dbperfIncidentCounter(ObjectProvider<MeterRegistry> registry) {
			return new IncidentCounter(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(HandlerMapping.class)
	static class ServletConfiguration {

		@Bean
		FilterRegistrationBean<UnitOfWorkFilter> dbperfUnitOfWorkFilter(NPlusOneDetector detector) {
			FilterRegistrationBean<UnitOfWorkFilter> registration = new FilterRegistrationBean<>(
					new UnitOfWorkFilter(detector));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
			return registration;
		}

		@Bean
		HandlerReturnedAdvice dbperfHandlerReturnedAdvice() {
			return new HandlerReturnedAdvice();
		}

		@Bean
		WebMvcConfigurer dbperfUnitOfWorkNaming() {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(new UnitOfWorkNamingInterceptor());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Scheduled.class)
	static class ScheduledConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultPointcutAdvisor dbperfScheduledUnitOfWorkAdvisor(ObjectProvider<NPlusOneDetector> detector) {
			return UnitOfWorkAdvisors.scheduled(detector);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Async.class)
	static class AsyncConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultPointcutAdvisor dbperfAsyncUnitOfWorkAdvisor(ObjectProvider<NPlusOneDetector> detector) {
			return UnitOfWorkAdvisors.async(detector);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = KafkaListenerConfiguration.LISTENER)
	static class KafkaListenerConfiguration {

		static final String LISTENER = "org.springframework.kafka.annotation.KafkaListener";

		static final String HANDLER = "org.springframework.kafka.annotation.KafkaHandler";

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultPointcutAdvisor dbperfKafkaListenerUnitOfWorkAdvisor(ObjectProvider<NPlusOneDetector> detector) {
			return UnitOfWorkAdvisors.listener(detector, LISTENER, HANDLER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = RabbitListenerConfiguration.LISTENER)
	static class RabbitListenerConfiguration {

		static final String LISTENER = "org.springframework.amqp.rabbit.annotation.RabbitListener";

		static final String HANDLER = "org.springframework.amqp.rabbit.annotation.RabbitHandler";

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultPointcutAdvisor dbperfRabbitListenerUnitOfWorkAdvisor(ObjectProvider<NPlusOneDetector> detector) {
			return UnitOfWorkAdvisors.listener(detector, LISTENER, HANDLER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = JmsListenerConfiguration.LISTENER)
	static class JmsListenerConfiguration {

		static final String LISTENER = "org.springframework.jms.annotation.JmsListener";

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultPointcutAdvisor dbperfJmsListenerUnitOfWorkAdvisor(ObjectProvider<NPlusOneDetector> detector) {
			return UnitOfWorkAdvisors.listener(detector, LISTENER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, SessionFactoryImplementor.class })
	static class HibernateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AssociationResolver dbperfAssociationResolver(ListableBeanFactory beanFactory) {
			return new AssociationResolver(
					List.copyOf(beanFactory.getBeansOfType(EntityManagerFactory.class, false, false).values()));
		}

	}

	/**
	 * Lets {@link QueryScope} find the detector while the application runs.
	 */
	static final class QueryScopeInstaller implements DisposableBean {

		QueryScopeInstaller(NPlusOneDetector detector) {
			QueryScope.install(detector);
		}

		@Override
		public void destroy() {
			QueryScope.install(null);
		}

	}

	/**
	 * Counts incidents as {@code dbperf.nplusone.incidents}, tagged by unit of work
	 * (bounded) and kind.
	 */
	static final class IncidentCounter implements Consumer<Incident> {

		private final ObjectProvider<MeterRegistry> registry;

		private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

		IncidentCounter(ObjectProvider<MeterRegistry> registry) {
			this.registry = registry;
		}

		@Override
		public void accept(Incident incident) {
			MeterRegistry meterRegistry = this.registry.getIfAvailable();
			if (meterRegistry == null) {
				return;
			}
			String unit = unitTag(incident.unitOfWork());
			Key key = new Key(unit, incident.kind());
			Counter counter = this.counters.get(key);
			if (counter == null) {
				counter = this.counters.computeIfAbsent(key,
						(newKey) -> Counter.builder("dbperf.nplusone.incidents")
							.description("N+1 and duplicate query incidents")
							.tags("unit", unit, "kind", incident.kind().name().toLowerCase(java.util.Locale.ROOT))
							.register(meterRegistry));
			}
			counter.increment();
		}

		private String unitTag(String unitOfWork) {
			if (this.counters.size() < MAX_UNIT_TAGS) {
				return unitOfWork;
			}
			for (IncidentKind kind : IncidentKind.values()) {
				if (this.counters.containsKey(new Key(unitOfWork, kind))) {
					return unitOfWork;
				}
			}
			return "other";
		}

		private record Key(String unit, IncidentKind kind) {

		}

	}

}
