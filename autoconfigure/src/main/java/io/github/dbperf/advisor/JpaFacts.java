package io.github.dbperf.advisor;

import java.util.List;
import java.util.Map;

import io.github.dbperf.rules.Finding;

/**
 * What the advisor knows about one persistence unit in the application.
 *
 * @param openInView whether Open Session in View is registered
 * @param hibernateProperties the effective Hibernate properties
 * @param mappings what the mapping rules found in the unit's metamodel
 * @param versionedEntities the entities with a {@code @Version} attribute, by name
 * @param production whether the application looks like it runs in production: no
 * {@code dev}, {@code local} or {@code test} profile active and no DevTools
 * @author dbperf
 * @since 0.1.0
 */
public record JpaFacts(boolean openInView, Map<String, Object> hibernateProperties, List<Finding> mappings,
		List<String> versionedEntities, boolean production) {

}
