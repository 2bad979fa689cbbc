package io.github.dbperf.advisor;

import java.util.List;
import java.util.Map;

/**
 * What the advisor knows about JPA in the application.
 *
 * @param openInView whether Open Session in View is registered
 * @param hibernateProperties the effective Hibernate properties
 * @param eagerToMany to-many associations mapped {@code FetchType.EAGER}, as
 * {@code Entity.field}
 * @author dbperf
 * @since 0.1.0
 */
public record JpaFacts(boolean openInView, Map<String, Object> hibernateProperties, List<String> eagerToMany) {

}
