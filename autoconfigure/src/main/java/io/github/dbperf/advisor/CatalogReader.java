package io.github.dbperf.advisor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.dbperf.advisor.CatalogFacts.Index;
import io.github.dbperf.advisor.CatalogFacts.UnusedIndex;

/**
 * Reads the {@link CatalogFacts} of the application's schemas only (never
 * {@code pg_catalog}, {@code information_schema}, {@code mysql} or {@code sys}), each
 * query bounded by a row limit and a statement timeout.
 *
 * @author dbperf
 * @since 0.2.0
 */
abstract class CatalogReader {

	private final int maxRows;

	private final int timeoutSeconds;

	CatalogReader(int maxRows, int timeoutSeconds) {
		this.maxRows = maxRows;
		this.timeoutSeconds = timeoutSeconds;
	}

	abstract CatalogFacts read(Connection connection, boolean unusedIndexes) throws SQLException;

	/**
	 * Run a catalog query whose only parameter is the row limit.
	 */
	<T> List<T> query(Connection connection, String sql, RowReader<T> reader) throws SQLException {
		List<T> results = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setQueryTimeout(this.timeoutSeconds);
			statement.setInt(1, this.maxRows);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					results.add(reader.read(rows));
				}
			}
		}
		return results;
	}

	static List<String> strings(Array array) throws SQLException {
		try {
			return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
		}
		finally {
			array.free();
		}
	}

	static Index index(List<Index> indexes, String table, String name) {
		return indexes.stream()
			.filter((index) -> index.table().equals(table) && index.name().equals(name))
			.findFirst()
			.orElseGet(() -> new Index(table, name, List.of(), false, false, "?", false));
	}

	static List<UnusedIndex> unused(List<Index> indexes, List<Object[]> rows) {
		return rows.stream()
			.map((row) -> new UnusedIndex(index(indexes, (String) row[0], (String) row[1]), (Long) row[2]))
			.toList();
	}

	/**
	 * Maps one row of a catalog query.
	 *
	 * @param <T> the type of the mapped row
	 */
	@FunctionalInterface
	interface RowReader<T> {

		T read(ResultSet rows) throws SQLException;

	}

}
