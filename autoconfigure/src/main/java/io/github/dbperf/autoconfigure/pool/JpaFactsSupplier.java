package io.github.dbperf.autoconfigure.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.dbperf.advisor.JpaFacts;
import io.github.dbperf.jpa.MappingRules;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Reads {@link JpaFacts} from every {@link EntityManagerFactory} bean, running the
 * mapping rules over each metamodel. The application counts as running in production
 * unless a {@code dev}, {@code development}, {@code local} or {@code test} profile is
 * active or Spring Boot DevTools is on the classpath (which packaged applications leave
 * out).
 *
 * @author dbperf
 * @since 0.1.0
 */
class JpaFactsSupplier implements Supplier<List<JpaFacts>> {

	private static final String[] OPEN_IN_VIEW_TYPES = {
			"org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor",
			"org.springframework.orm.jpa.support.OpenEntityManagerInViewFilter" };

	private static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "development", "local", "test");

	private static final String DEVTOOLS = "org.springframework.boot.devtools.restart.Restarter";

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	JpaFactsSupplier(ListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	@Override
	public List<JpaFacts> get() {
		boolean openInView = openInView();
		boolean production = production();
		List<JpaFacts> facts = new ArrayList<>();
		for (EntityManagerFactory factory : this.beanFactory.getBeansOfType(EntityManagerFactory.class, false, false)
			.values()) {
			Map<String, Object> properties = factory.getProperties();
			List<String> versioned = factory.getMetamodel()
				.getEntities()
				.stream()
				.filter(EntityType::hasVersionAttribute)
				.map(EntityType::getName)
				.sorted()
				.toList();
			facts.add(new JpaFacts(openInView, properties, MappingRules.check(factory.getMetamodel(), properties),
					versioned, production));
		}
		return facts;
	}

	private boolean production() {
		for (String profile : this.environment.getActiveProfiles()) {
			if (DEVELOPMENT_PROFILES.contains(profile.toLowerCase(Locale.ROOT))) {
				return false;
			}
		}
		return !ClassUtils.isPresent(DEVTOOLS, getClass().getClassLoader());
	}

	private boolean openInView() {
		ClassLoader classLoader = getClass().getClassLoader();
		for (String type : OPEN_IN_VIEW_TYPES) {
			try {
				if (ClassUtils.isPresent(type, classLoader) && this.beanFactory
					.getBeanNamesForType(ClassUtils.forName(type, classLoader), false, false).length > 0) {
					return true;
				}
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Web support missing: no open-in-view
			}
		}
		return false;
	}

}
