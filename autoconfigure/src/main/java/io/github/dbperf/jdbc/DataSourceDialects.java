package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.dbperf.sql.SqlDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Decides the {@link SqlDialect} of a DataSource once: from the JDBC URL or driver class
 * its pool (Hikari, Tomcat, DBCP2, a driver's own DataSource) is configured with, or,
 * when those cannot be read, from the product name of the first statement's connection.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class DataSourceDialects {

	private static final String[] URL_PROPERTIES = { "jdbcUrl", "url", "URL" };

	private static final String[] DRIVER_PROPERTIES = { "driverClassName", "driverClass" };

	private DataSourceDialects() {
	}

	/**
	 * Return the dialect a DataSource's configuration names.
	 * @param dataSource the DataSource
	 * @return the dialect, or {@code null} when the configuration cannot be read
	 */
	static @Nullable SqlDialect detect(@Nullable DataSource dataSource) {
		DataSource current = dataSource;
		for (int depth = 0; current != null && depth < 8; depth++) {
			SqlDialect dialect = fromProperties(current);
			if (dialect != null) {
				return dialect;
			}
			current = (current instanceof DelegatingDataSource delegating) ? delegating.getTargetDataSource() : null;
		}
		return null;
	}

	private static @Nullable SqlDialect fromProperties(DataSource dataSource) {
		try {
			BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
			for (String name : URL_PROPERTIES) {
				SqlDialect dialect = SqlDialect.fromJdbcUrl(read(properties, name));
				if (dialect != null) {
					return dialect;
				}
			}
			for (String name : DRIVER_PROPERTIES) {
				SqlDialect dialect = SqlDialect.fromDriverClassName(read(properties, name));
				if (dialect != null) {
					return dialect;
				}
			}
		}
		catch (RuntimeException ex) {
			// A DataSource whose getters fail is left to the connection's metadata
		}
		return null;
	}

	private static @Nullable String read(BeanWrapper properties, String name) {
		if (!properties.isReadableProperty(name)) {
			return null;
		}
		Object value = properties.getPropertyValue(name);
		return (value instanceof String text) ? text : null;
	}

	/**
	 * Return the dialect of the database a connection is open to.
	 * @param connection the driver's connection
	 * @return the dialect, or {@code null} when the product is unknown or cannot be read
	 */
	static @Nullable SqlDialect fromConnection(Connection connection) {
		try {
			return SqlDialect.fromProductName(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

}
