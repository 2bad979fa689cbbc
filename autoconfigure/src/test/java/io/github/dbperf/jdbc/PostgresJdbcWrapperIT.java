package io.github.dbperf.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.testing.TestPostgres;
import org.postgresql.PGConnection;

/**
 * {@link JdbcWrapperContractTests} on PostgreSQL.
 */
class PostgresJdbcWrapperIT extends JdbcWrapperContractTests {

	@Override
	HikariDataSource createPool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(TestPostgres.newDatabase("wrappers"));
		pool.setUsername(TestPostgres.username());
		pool.setPassword(TestPostgres.password());
		pool.setMaximumPoolSize(2);
		return pool;
	}

	@Override
	Class<?> driverConnectionType() {
		return PGConnection.class;
	}

	@Override
	String autoIncrementTable() {
		return "create table numbered (id serial primary key, name varchar(20))";
	}

	@Override
	String[] procedure() {
		return new String[] {
				"create or replace function dbperf_double(x int) returns int language sql as 'select x * 2'",
				"{call dbperf_double(?)}" };
	}

}
