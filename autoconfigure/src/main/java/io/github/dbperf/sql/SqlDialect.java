package io.github.dbperf.sql;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The SQL dialect of a database, as far as literals, quoting and comments go: decided
 * once per DataSource from its driver class name, JDBC URL or database product name.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum SqlDialect {

	/**
	 * PostgreSQL: {@code E'...'} and dollar-quoted strings, nested block comments.
	 */
	POSTGRESQL(false, false, false, true),

	/**
	 * MySQL and MariaDB: backslash escapes, {@code "..."} strings (the default SQL mode),
	 * {@code #} comments and charset introducers such as {@code _utf8mb4'...'}.
	 */
	MYSQL(true, true, true, false),

	/**
	 * H2: dollar-quoted strings and {@code //} comments.
	 */
	H2(false, false, false, false),

	/**
	 * SQL Server: {@code [bracketed]} identifiers, nested block comments.
	 */
	SQL_SERVER(false, false, false, true),

	/**
	 * Oracle: alternative quoting such as {@code q'[...]'}.
	 */
	ORACLE(false, false, false, false),

	/**
	 * Any other database: standard SQL strings and quoted identifiers.
	 */
	GENERIC(false, false, false, true);

	private final boolean backslashEscapes;

	private final boolean doubleQuotedStrings;

	private final boolean hashComments;

	private final boolean nestedComments;

	SqlDialect(boolean backslashEscapes, boolean doubleQuotedStrings, boolean hashComments, boolean nestedComments) {
		this.backslashEscapes = backslashEscapes;
		this.doubleQuotedStrings = doubleQuotedStrings;
		this.hashComments = hashComments;
		this.nestedComments = nestedComments;
	}

	boolean backslashEscapes() {
		return this.backslashEscapes;
	}

	boolean doubleQuotedStrings() {
		return this.doubleQuotedStrings;
	}

	boolean hashComments() {
		return this.hashComments;
	}

	boolean nestedComments() {
		return this.nestedComments;
	}

	/**
	 * Return the dialect of a JDBC URL, such as {@code jdbc:mariadb://host/db}.
	 * @param url the JDBC URL
	 * @return the dialect, or {@code null} when the URL does not say
	 */
	public static @Nullable SqlDialect fromJdbcUrl(@Nullable String url) {
		if (url == null) {
			return null;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("jdbc:")) {
			return null;
		}
		// Wrapping drivers such as jdbc:p6spy:, jdbc:otel: or jdbc:tc: name the database
		// next
		return fromName(lower.substring(5));
	}

	/**
	 * Return the dialect of a JDBC driver class, such as {@code org.postgresql.Driver}.
	 * @param driverClassName the driver class name
	 * @return the dialect, or {@code null} when the name does not say
	 */
	public static @Nullable SqlDialect fromDriverClassName(@Nullable String driverClassName) {
		return (driverClassName != null) ? fromName(driverClassName.toLowerCase(Locale.ROOT)) : null;
	}

	/**
	 * Return the dialect of a database product name, as
	 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()} reports it.
	 * @param productName the product name
	 * @return the dialect, {@link #GENERIC} when the name is not known
	 */
	public static SqlDialect fromProductName(@Nullable String productName) {
		SqlDialect dialect = (productName != null) ? fromName(productName.toLowerCase(Locale.ROOT)) : null;
		return (dialect != null) ? dialect : GENERIC;
	}

	private static @Nullable SqlDialect fromName(String name) {
		if (name.contains("postgres") || name.contains("pgjdbc")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		if (name.startsWith("h2") || name.contains(".h2.") || name.contains(":h2:")) {
			return H2;
		}
		if (name.contains("sqlserver") || name.contains("microsoft sql server") || name.contains("jtds")) {
			return SQL_SERVER;
		}
		if (name.contains("oracle")) {
			return ORACLE;
		}
		return null;
	}

}
