package io.github.dbperf.autoconfigure.actuate;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.pool.DataAccessReport;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for dbperf's actuator endpoints.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = PoolAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class DbperfEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DataAccessReport.class)
	@ConditionalOnAvailableEndpoint
	DbperfEndpoint dbperfEndpoint(DataAccessReport report) {
		return new DbperfEndpoint(report);
	}

}
