package io.github.dbperf.jdbc;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbc.JdbcConnection;

/**
 * {@link JdbcWrapperContractTests} on H2.
 */
class H2JdbcWrapperTests extends JdbcWrapperContractTests {

	@Override
	HikariDataSource createPool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		pool.setMaximumPoolSize(2);
		return pool;
	}

	@Override
	Class<?> driverConnectionType() {
		return JdbcConnection.class;
	}

}
