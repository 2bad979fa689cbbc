package io.github.dbperf.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.testing.EnabledIfMariaDbReachable;
import io.github.dbperf.testing.TestMariaDb;

/**
 * {@link JdbcWrapperContractTests} on the local MariaDB.
 */
@EnabledIfMariaDbReachable
class MariaDbJdbcWrapperIT extends JdbcWrapperContractTests {

	@Override
	HikariDataSource createPool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(TestMariaDb.jdbcUrl());
		pool.setUsername(TestMariaDb.username());
		pool.setPassword(TestMariaDb.password());
		pool.setMaximumPoolSize(2);
		return pool;
	}

	@Override
	Class<?> driverConnectionType() {
		return org.mariadb.jdbc.Connection.class;
	}

	@Override
	String callableSql() {
		return "{call dbperf_double(?)}";
	}

	@Override
	String[] procedure() {
		return new String[] { "create or replace procedure dbperf_double(in x int) select x * 2",
				"{call dbperf_double(?)}" };
	}

}
