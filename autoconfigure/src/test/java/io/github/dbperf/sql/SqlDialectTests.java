package io.github.dbperf.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlDialect}.
 */
class SqlDialectTests {

	@Test
	void jdbcUrlsNameTheirDialect() {
		assertThat(SqlDialect.fromJdbcUrl("jdbc:postgresql://localhost/db")).isEqualTo(SqlDialect.POSTGRESQL);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:mariadb://localhost:3306/test")).isEqualTo(SqlDialect.MYSQL);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:mysql://localhost/test")).isEqualTo(SqlDialect.MYSQL);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:h2:mem:test")).isEqualTo(SqlDialect.H2);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:sqlserver://host;databaseName=x")).isEqualTo(SqlDialect.SQL_SERVER);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:oracle:thin:@host:1521/x")).isEqualTo(SqlDialect.ORACLE);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:p6spy:mysql://host/x")).isEqualTo(SqlDialect.MYSQL);
		assertThat(SqlDialect.fromJdbcUrl("jdbc:hsqldb:mem:x")).isNull();
		assertThat(SqlDialect.fromJdbcUrl(null)).isNull();
	}

	@Test
	void driversAndProductsNameTheirDialect() {
		assertThat(SqlDialect.fromDriverClassName("org.mariadb.jdbc.Driver")).isEqualTo(SqlDialect.MYSQL);
		assertThat(SqlDialect.fromDriverClassName("org.h2.Driver")).isEqualTo(SqlDialect.H2);
		assertThat(SqlDialect.fromDriverClassName("com.microsoft.sqlserver.jdbc.SQLServerDriver"))
			.isEqualTo(SqlDialect.SQL_SERVER);
		assertThat(SqlDialect.fromProductName("MariaDB")).isEqualTo(SqlDialect.MYSQL);
		assertThat(SqlDialect.fromProductName("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
		assertThat(SqlDialect.fromProductName("Microsoft SQL Server")).isEqualTo(SqlDialect.SQL_SERVER);
		assertThat(SqlDialect.fromProductName("Oracle")).isEqualTo(SqlDialect.ORACLE);
		assertThat(SqlDialect.fromProductName("H2")).isEqualTo(SqlDialect.H2);
		assertThat(SqlDialect.fromProductName("HSQL Database Engine")).isEqualTo(SqlDialect.GENERIC);
	}

}
