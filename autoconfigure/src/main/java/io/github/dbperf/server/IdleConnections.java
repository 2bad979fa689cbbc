package io.github.dbperf.server;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * Tells whether a connection can be borrowed without making the application wait: a
 * HikariCP pool must have an idle one; other DataSources are not asked.
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
		return !HIKARI_PRESENT || Hikari.available(dataSource);
	}

	private static final class Hikari {

		static boolean available(DataSource dataSource) {
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			if (hikari == null) {
				return true;
			}
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			// A pool not started yet makes nobody wait
			return pool == null || pool.getIdleConnections() > 0;
		}

	}

}
