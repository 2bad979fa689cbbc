package io.github.dbperf.advisor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.github.dbperf.advisor.CatalogFacts.ForeignKey;
import io.github.dbperf.advisor.CatalogFacts.Index;

/**
 * Reads the {@code information_schema} of MySQL and MariaDB for the connection's current
 * schema, and the performance schema's index usage when it is on.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class MySqlCatalogReader extends CatalogReader {

	private static final String INDEXES = "select TABLE_NAME, INDEX_NAME, group_concat(concat(COLUMN_NAME, "
			+ "coalesce(concat('(', SUB_PART, ')'), '')) order by SEQ_IN_INDEX separator ','), min(NON_UNIQUE) = 0, "
			+ "INDEX_NAME = 'PRIMARY', INDEX_TYPE from information_schema.STATISTICS where TABLE_SCHEMA = database() "
			+ "group by TABLE_NAME, INDEX_NAME, INDEX_TYPE having count(COLUMN_NAME) = count(*) order by 1, 2 limit ?";

	private static final String FOREIGN_KEYS = "select TABLE_NAME, CONSTRAINT_NAME, group_concat(COLUMN_NAME "
			+ "order by ORDINAL_POSITION separator ','), max(REFERENCED_TABLE_NAME) from "
			+ "information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = database() and REFERENCED_TABLE_NAME is not null "
			+ "group by TABLE_NAME, CONSTRAINT_NAME order by 1, 2 limit ?";

	private static final String WITHOUT_PRIMARY_KEY = "select t.TABLE_NAME from information_schema.TABLES t "
			+ "where t.TABLE_SCHEMA = database() and t.TABLE_TYPE = 'BASE TABLE' and not exists (select 1 from "
			+ "information_schema.TABLE_CONSTRAINTS c where c.TABLE_SCHEMA = t.TABLE_SCHEMA and c.TABLE_NAME = "
			+ "t.TABLE_NAME and c.CONSTRAINT_TYPE = 'PRIMARY KEY') order by 1 limit ?";

	private static final String UNUSED = "select u.OBJECT_NAME, u.INDEX_NAME, w.COUNT_WRITE from "
			+ "performance_schema.table_io_waits_summary_by_index_usage u join "
			+ "performance_schema.table_io_waits_summary_by_table w on w.OBJECT_SCHEMA = u.OBJECT_SCHEMA and "
			+ "w.OBJECT_NAME = u.OBJECT_NAME where u.OBJECT_SCHEMA = database() and u.INDEX_NAME is not null and "
			+ "u.INDEX_NAME <> 'PRIMARY' and u.COUNT_STAR = 0 and w.COUNT_WRITE > 0 order by 1, 2 limit ?";

	MySqlCatalogReader(int maxRows, int timeoutSeconds) {
		super(maxRows, timeoutSeconds);
	}

	@Override
	CatalogFacts read(Connection connection, boolean unusedIndexes) throws SQLException {
		List<Index> indexes = query(connection, INDEXES,
				(rows) -> new Index(rows.getString(1), rows.getString(2), List.of(rows.getString(3).split(",")),
						rows.getBoolean(4), rows.getBoolean(5), rows.getString(6).toLowerCase(java.util.Locale.ROOT),
						false));
		List<ForeignKey> foreignKeys = query(connection, FOREIGN_KEYS, (rows) -> new ForeignKey(rows.getString(1),
				rows.getString(2), List.of(rows.getString(3).split(",")), rows.getString(4)));
		List<Index> withoutPrimaryKey = query(connection, WITHOUT_PRIMARY_KEY,
				(rows) -> new Index(rows.getString(1), "", List.of(), false, false, "btree", false));
		List<Object[]> unused = (unusedIndexes && performanceSchema(connection)) ? query(connection, UNUSED,
				(rows) -> new Object[] { rows.getString(1), rows.getString(2), rows.getLong(3) }) : List.of();
		return new CatalogFacts(indexes, foreignKeys, withoutPrimaryKey, unused(indexes, unused));
	}

	private static boolean performanceSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select @@performance_schema")) {
			return rows.next() && rows.getBoolean(1);
		}
	}

}
