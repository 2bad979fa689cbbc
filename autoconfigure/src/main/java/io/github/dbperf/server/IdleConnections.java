package io.github.dbperf.server;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * Tells whether a connection can be borrowed without making the application wait: a
 * HikariCP pool must have an idle one (or not be started yet). Other pools (DBCP2, Tomcat
 * JDBC, UCP...) cannot be seen, so nothing is borrowed from them.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class IdleConnections {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			IdleConnections.class.getClassLoader());

	private IdleConnections() {
	}

	static boolean available(DataSource dataSource) {
		return HIKARI_PRESENT && Hikari.available(dataSource);
	}

	static boolean visible(DataSource dataSource) {
		return HIKARI_PRESENT && Hikari.visible(dataSource);
	}

	private static final class Hikari {

		static boolean available(DataSource dataSource) {
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			if (hikari == null) {
				return false;
			}
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			// A pool not started yet makes nobody wait
			return pool == null || pool.getIdleConnections() > 0;
		}

		static boolean visible(DataSource dataSource) {
			return DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class) != null;
		}

	}

}
