package io.github.dbperf.autoconfigure.plan;

import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.PlanValuesThreshold;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryProperties;
import io.github.dbperf.jdbc.CapturedDataSources;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.plan.PlanTarget;
import io.github.dbperf.plan.QueryPlans;
import io.github.dbperf.query.SlowQueryHook;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of plan capture: the plans of slow fingerprints, asked of the
 * DataSource below dbperf's capture with a connection borrowed only when the HikariCP
 * pool has an idle one, and the index advice read from them.
 *
 * @author dbperf
 * @since 0.2.0
 */
@AutoConfiguration(after = { DbperfAutoConfiguration.class, QueryAutoConfiguration.class })
@ConditionalOnClass({ DataSource.class, JsonMapper.class, HikariDataSource.class })
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.jdbc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.plans.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PlanProperties.class)
public final class PlanAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QueryPlans dbperfQueryPlans(PlanProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<RuleSettings> rules, ObjectProvider<JsonMapper> mapper) {
		// Read lazily: the DataSources' capture needs the slow log, which needs this
		SingletonSupplier<Map<String, DataSource>> dataSources = SingletonSupplier
			.of(() -> beanFactory.getBeansOfType(DataSource.class, false, false));
		Function<String, @Nullable PlanTarget> targets = (name) -> target(dataSources.obtain().get(name));
		return new QueryPlans(properties.toSettings(), targets, rules.getIfAvailable(RuleSettings::defaults),
				mapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	SlowQueryHook dbperfPlanSlowQueryHook(QueryPlans plans) {
		return new PlanSlowQueryHook(plans);
	}

	// MySQL and MariaDB plan a statement only with values: the slow log's slow
	// executions get theirs held for the EXPLAIN, never shown
	@Bean
	@ConditionalOnBean(QueryProperties.class)
	@ConditionalOnBooleanProperty(name = "dbperf.plans.capture-on-slow", matchIfMissing = true)
	PlanValuesThreshold dbperfPlanValuesThreshold(QueryProperties queries) {
		return new PlanValuesThreshold(queries.getSlowThreshold());
	}

	@Bean
	FindingSource dbperfPlanFindings(QueryPlans plans) {
		return plans::findings;
	}

	private static @Nullable PlanTarget target(@Nullable DataSource dataSource) {
		if (dataSource == null) {
			return null;
		}
		DbperfDataSource capture = CapturedDataSources.find(dataSource);
		DataSource below = (capture != null) ? capture.getTargetDataSource() : null;
		DataSource target = (below != null) ? below : dataSource;
		HikariDataSource hikari = DataSourceUnwrapper.unwrap(target, HikariConfigMXBean.class, HikariDataSource.class);
		IntSupplier idle = (hikari != null) ? () -> idle(hikari) : () -> -1;
		return new PlanTarget(target, idle);
	}

	private static int idle(HikariDataSource hikari) {
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		return (pool != null) ? pool.getIdleConnections() : 0;
	}

}
