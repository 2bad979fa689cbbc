package io.github.dbperf.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The MariaDB on localhost:3306 (user root, empty password, database {@code test}), when
 * it is reachable.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TestMariaDb {

	private static final String URL = "jdbc:mariadb://localhost:3306/test";

	private static volatile @Nullable String unreachable;

	private static volatile boolean checked;

	private TestMariaDb() {
	}

	public static String jdbcUrl() {
		return URL;
	}

	public static String username() {
		return "root";
	}

	public static String password() {
		return "";
	}

	/**
	 * Return Spring Boot properties pointing at the database.
	 * @return the properties
	 */
	public static String[] properties() {
		return new String[] { "spring.datasource.url=" + URL, "spring.datasource.username=" + username(),
				"spring.datasource.password=" + password() };
	}

	/**
	 * Tell why MariaDB cannot be used, checked once per JVM.
	 * @return the reason, or {@code null} when it is reachable
	 */
	static synchronized @Nullable String unreachableReason() {
		if (!checked) {
			unreachable = check(URL);
			checked = true;
		}
		return unreachable;
	}

	static @Nullable String check(String url) {
		Properties properties = new Properties();
		properties.setProperty("user", username());
		properties.setProperty("password", password());
		properties.setProperty("connectTimeout", "2000");
		try (Connection connection = DriverManager.getConnection(url, properties)) {
			return connection.isValid(2) ? null : "connection not valid";
		}
		catch (Exception ex) {
			return ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
	}

}
