package io.github.dbperf.advisor;

import java.util.List;

/**
 * What the catalog says about the application's tables: their indexes, foreign keys, the
 * tables without a primary key and the indexes never used on written tables.
 *
 * @param indexes the indexes on plain columns (no expressions, no predicates)
 * @param foreignKeys the foreign keys
 * @param tablesWithoutPrimaryKey the tables without a primary key, with the columns of a
 * unique index that could become one (empty when none)
 * @param unused the indexes never used on tables that are written, empty when the
 * database keeps no usage statistics
 * @author dbperf
 * @since 0.2.0
 */
record CatalogFacts(List<Index> indexes, List<ForeignKey> foreignKeys, List<Index> tablesWithoutPrimaryKey,
		List<UnusedIndex> unused) {

	/**
	 * An index.
	 *
	 * @param table the table, qualified when outside the default schema
	 * @param name the index, qualified like its table
	 * @param columns its key columns, in order
	 * @param unique whether it is unique
	 * @param primary whether it is the primary key
	 * @param method the access method, such as {@code btree}
	 * @param constraint whether a constraint of the same name owns it (PostgreSQL's
	 * primary keys, unique and exclusion constraints), so it is dropped with the
	 * constraint
	 */
	record Index(String table, String name, List<String> columns, boolean unique, boolean primary, String method,
			boolean constraint) {

		boolean startsWith(List<String> leading) {
			return this.columns.size() >= leading.size() && this.columns.subList(0, leading.size()).equals(leading);
		}

		boolean leadingColumnsAre(List<String> columns) {
			return this.columns.size() >= columns.size()
					&& new java.util.HashSet<>(this.columns.subList(0, columns.size()))
						.equals(new java.util.HashSet<>(columns));
		}

	}

	/**
	 * A foreign key.
	 *
	 * @param table the referencing table
	 * @param name the constraint's name
	 * @param columns the referencing columns, in order
	 * @param referenced the referenced table
	 */
	record ForeignKey(String table, String name, List<String> columns, String referenced) {

	}

	/**
	 * An index never used since statistics began, on a table that is written.
	 *
	 * @param index the index
	 * @param writes rows the table had inserted, updated or deleted since statistics
	 * began
	 */
	record UnusedIndex(Index index, long writes) {

	}

}
