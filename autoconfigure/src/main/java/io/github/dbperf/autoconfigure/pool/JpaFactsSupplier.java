package io.github.dbperf.autoconfigure.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.dbperf.advisor.JpaFacts;
import io.github.dbperf.jpa.JpaMappings;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Reads {@link JpaFacts} from every {@link EntityManagerFactory} bean.
 *
 * @author dbperf
 * @since 0.1.0
 */
class JpaFactsSupplier implements Supplier<List<JpaFacts>> {

	private static final String[] OPEN_IN_VIEW_TYPES = {
			"org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor",
			"org.springframework.orm.jpa.support.OpenEntityManagerInViewFilter" };

	private final ListableBeanFactory beanFactory;

	JpaFactsSupplier(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public List<JpaFacts> get() {
		boolean openInView = openInView();
		List<JpaFacts> facts = new ArrayList<>();
		for (EntityManagerFactory factory : this.beanFactory.getBeansOfType(EntityManagerFactory.class, false, false)
			.values()) {
			facts.add(new JpaFacts(openInView, factory.getProperties(), JpaMappings.eagerToMany(factory)));
		}
		return facts;
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
