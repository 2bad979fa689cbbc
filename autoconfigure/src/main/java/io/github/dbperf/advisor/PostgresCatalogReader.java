package io.github.dbperf.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.dbperf.advisor.CatalogFacts.ForeignKey;
import io.github.dbperf.advisor.CatalogFacts.Index;

/**
 * Reads PostgreSQL's catalog for the schemas on the search path, and
 * {@code pg_stat_user_indexes} for unused indexes.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PostgresCatalogReader extends CatalogReader {

	private static final String APPLICATION_SCHEMA = "n.nspname = any (current_schemas(false))";

	private static final String INDEXES = "select " + name("n", "t") + ", " + name("n", "c")
			+ ", array(select quote_ident(a.attname) from unnest(i.indkey::int2[]) with ordinality k(attnum, ord) "
			+ "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum where k.ord <= i.indnkeyatts "
			+ "order by k.ord), i.indisunique, i.indisprimary, am.amname, exists (select 1 from pg_constraint x "
			+ "where x.conindid = i.indexrelid and x.conrelid = i.indrelid and x.contype in ('p', 'u', 'x')) "
			+ "from pg_index i " + "join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid "
			+ "join pg_namespace n on n.oid = t.relnamespace join pg_am am on am.oid = c.relam where "
			+ APPLICATION_SCHEMA + " and i.indexprs is null and i.indpred is null order by 1, 2 limit ?";

	private static final String FOREIGN_KEYS = "select " + name("n", "t") + ", quote_ident(c.conname)"
			+ ", array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(attnum, ord) "
			+ "join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord), "
			+ name("rn", "r") + " from pg_constraint c join pg_class t on t.oid = c.conrelid "
			+ "join pg_namespace n on n.oid = t.relnamespace join pg_class r on r.oid = c.confrelid "
			+ "join pg_namespace rn on rn.oid = r.relnamespace where c.contype = 'f' and " + APPLICATION_SCHEMA
			+ " order by 1, 2 limit ?";

	private static final String WITHOUT_PRIMARY_KEY = "select " + name("n", "t")
			+ " from pg_class t join pg_namespace n on n.oid = t.relnamespace where t.relkind in ('r', 'p') "
			+ "and not t.relispartition and " + APPLICATION_SCHEMA + " and not exists (select 1 from pg_constraint p "
			+ "where p.conrelid = t.oid and p.contype = 'p') order by 1 limit ?";

	private static final String UNUSED = "select " + name("n", "t") + ", " + name("n", "c")
			+ ", w.n_tup_ins + w.n_tup_upd + w.n_tup_del from pg_stat_user_indexes s "
			+ "join pg_index i on i.indexrelid = s.indexrelid join pg_class c on c.oid = s.indexrelid "
			+ "join pg_class t on t.oid = s.relid join pg_namespace n on n.oid = t.relnamespace "
			+ "join pg_stat_user_tables w on w.relid = s.relid where s.idx_scan = 0 and not i.indisunique "
			+ "and not i.indisprimary and not exists (select 1 from pg_constraint x where x.conindid = i.indexrelid) "
			+ "and w.n_tup_ins + w.n_tup_upd + w.n_tup_del > 0 and " + APPLICATION_SCHEMA
			+ " order by pg_relation_size(s.indexrelid) desc limit ?";

	PostgresCatalogReader(int maxRows, int timeoutSeconds) {
		super(maxRows, timeoutSeconds);
	}

	@Override
	CatalogFacts read(Connection connection, boolean unusedIndexes) throws SQLException {
		List<Index> indexes = query(connection, INDEXES,
				(rows) -> new Index(rows.getString(1), rows.getString(2), strings(rows.getArray(3)), rows.getBoolean(4),
						rows.getBoolean(5), rows.getString(6), rows.getBoolean(7)));
		List<ForeignKey> foreignKeys = query(connection, FOREIGN_KEYS, (rows) -> new ForeignKey(rows.getString(1),
				rows.getString(2), strings(rows.getArray(3)), rows.getString(4)));
		List<Index> withoutPrimaryKey = query(connection, WITHOUT_PRIMARY_KEY,
				(rows) -> new Index(rows.getString(1), "", List.of(), false, false, "btree", false));
		List<Object[]> unused = unusedIndexes ? query(connection, UNUSED,
				(rows) -> new Object[] { rows.getString(1), rows.getString(2), rows.getLong(3) }) : List.of();
		return new CatalogFacts(indexes, foreignKeys, withoutPrimaryKey, unused(indexes, unused));
	}

	// Qualified only outside the first schema of the search path, quoted where needed
	private static String name(String namespace, String relation) {
		return "case when " + namespace + ".nspname = current_schema() then quote_ident(" + relation
				+ ".relname) else quote_ident(" + namespace + ".nspname) || '.' || quote_ident(" + relation
				+ ".relname) end";
	}

}
