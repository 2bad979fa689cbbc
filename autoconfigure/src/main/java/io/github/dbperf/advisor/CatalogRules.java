package io.github.dbperf.advisor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.dbperf.advisor.CatalogFacts.ForeignKey;
import io.github.dbperf.advisor.CatalogFacts.Index;
import io.github.dbperf.advisor.CatalogFacts.UnusedIndex;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Where;
import org.jspecify.annotations.Nullable;

/**
 * The four schema rules over one DataSource's {@link CatalogFacts}, each finding with
 * runnable DDL as its fix.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class CatalogRules {

	private static final int MAX_IDENTIFIER = 63;

	/**
	 * Tables that frameworks create without a primary key by design, named without schema
	 * in lower case: Liquibase's change log, Spring Batch's job parameters and its
	 * MySQL/MariaDB sequence tables, Spring Cloud Task's parameters, batch links and
	 * sequence, Hibernate's table-emulated sequence.
	 */
	static final Set<String> FRAMEWORK_TABLES_WITHOUT_PRIMARY_KEY = Set.of("databasechangelog",
			"batch_job_execution_params", "batch_job_seq", "batch_job_execution_seq", "batch_step_execution_seq",
			"task_execution_params", "task_task_batch", "task_seq", "hibernate_sequence");

	private final String dataSource;

	private final CatalogFacts facts;

	private final boolean postgres;

	CatalogRules(String dataSource, CatalogFacts facts, boolean postgres) {
		this.dataSource = dataSource;
		this.facts = facts;
		this.postgres = postgres;
	}

	List<Finding> check(RuleSettings settings) {
		List<Finding> findings = new ArrayList<>();
		if (settings.isEnabled(Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX)) {
			this.facts.foreignKeys().stream().filter(this::unindexed).map(this::foreignKey).forEach(findings::add);
		}
		Set<Index> redundant = new HashSet<>();
		if (settings.isEnabled(Rules.SCHEMA_DUPLICATE_INDEX)) {
			for (Index index : this.facts.indexes()) {
				Index wider = widerTwin(index);
				if (wider != null && redundant.add(index)) {
					findings.add(duplicate(index, wider));
				}
			}
		}
		if (settings.isEnabled(Rules.SCHEMA_UNUSED_INDEX)) {
			for (UnusedIndex unused : this.facts.unused()) {
				Index index = unused.index();
				if (!index.unique() && !index.primary() && !redundant.contains(index) && !backsForeignKey(index)) {
					findings.add(unused(unused));
				}
			}
		}
		if (settings.isEnabled(Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY)) {
			this.facts.tablesWithoutPrimaryKey()
				.stream()
				.filter((table) -> !frameworkTable(table.table()))
				.forEach((table) -> findings.add(withoutPrimaryKey(table.table())));
		}
		return findings;
	}

	static boolean frameworkTable(String table) {
		String name = table.substring(table.lastIndexOf('.') + 1).replace("\"", "").replace("`", "");
		return FRAMEWORK_TABLES_WITHOUT_PRIMARY_KEY.contains(name.toLowerCase(Locale.ROOT));
	}

	private boolean unindexed(ForeignKey foreignKey) {
		return indexesOf(foreignKey.table()).stream()
			.noneMatch((index) -> index.leadingColumnsAre(foreignKey.columns()));
	}

	private boolean backsForeignKey(Index index) {
		return this.facts.foreignKeys()
			.stream()
			.anyMatch((foreignKey) -> foreignKey.table().equals(index.table())
					&& index.leadingColumnsAre(foreignKey.columns()));
	}

	private Finding foreignKey(ForeignKey foreignKey) {
		String columns = String.join(", ", foreignKey.columns());
		String name = identifier(bare(foreignKey.table()) + "_" + String.join("_", foreignKey.columns()) + "_idx");
		String fix = "create index " + (this.postgres ? "concurrently " : "") + name + " on " + foreignKey.table()
				+ " (" + columns + ");";
		String message = "Foreign key " + foreignKey.name() + " on " + foreignKey.table() + " (" + columns
				+ ") references " + foreignKey.referenced() + ", but no index of " + foreignKey.table()
				+ " starts with " + columns + ": joins from " + foreignKey.referenced()
				+ " and every delete or key update there scan " + foreignKey.table();
		return Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX.finding(message, fix,
				where(foreignKey.table(), foreignKey.columns()));
	}

	/**
	 * Return an index that makes this one redundant: same table and method, and its
	 * columns equal to or starting with this one's; a unique index or the primary key is
	 * only redundant beside an equal one that is unique too.
	 */
	private @Nullable Index widerTwin(Index index) {
		if (index.primary()) {
			return null;
		}
		for (Index other : indexesOf(index.table())) {
			if (other == index || !other.method().equals(index.method()) || !other.startsWith(index.columns())) {
				continue;
			}
			if (other.columns().size() > index.columns().size()) {
				if (!index.unique()) {
					return other;
				}
			}
			else if (other.primary() || (other.unique() && !index.unique())) {
				return other;
			}
			else if (other.unique() == index.unique() && other.name().compareTo(index.name()) < 0) {
				// Of two equal indexes, the one named last is reported
				return other;
			}
		}
		return null;
	}

	private Finding duplicate(Index index, Index wider) {
		boolean equal = wider.columns().size() == index.columns().size();
		String message = "Index " + index.name() + " on " + index.table() + " (" + String.join(", ", index.columns())
				+ ") " + (equal ? "duplicates " : "is a prefix of ") + (wider.primary() ? "the primary key " : "")
				+ wider.name() + " (" + String.join(", ", wider.columns()) + "): every write maintains both, and "
				+ wider.name() + " serves the same lookups";
		return Rules.SCHEMA_DUPLICATE_INDEX.finding(message, drop(index), where(index.table(), index.columns()));
	}

	private Finding unused(UnusedIndex unused) {
		Index index = unused.index();
		String message = "Index " + index.name() + " on " + index.table() + " (" + String.join(", ", index.columns())
				+ ") has not been used since the statistics were reset, while " + index.table() + " had "
				+ unused.writes() + " rows written: every write maintains it for nothing (check replicas and rare "
				+ "jobs before dropping it)";
		return Rules.SCHEMA_UNUSED_INDEX.finding(message, drop(index), where(index.table(), index.columns()));
	}

	private Finding withoutPrimaryKey(String table) {
		Index unique = indexesOf(table).stream().filter(Index::unique).findFirst().orElse(null);
		String fix;
		if (unique == null) {
			fix = "alter table " + table + " add column id bigint "
					+ (this.postgres ? "generated always as identity" : "not null auto_increment") + " primary key;";
		}
		else if (!this.postgres) {
			fix = "alter table " + table + " drop index " + unique.name() + ", add primary key ("
					+ String.join(", ", unique.columns()) + ");";
		}
		else if (unique.constraint()) {
			fix = "alter table " + table + " drop constraint " + bare(unique.name()) + ", add primary key ("
					+ String.join(", ", unique.columns()) + ");";
		}
		else {
			fix = "alter table " + table + " add primary key using index " + bare(unique.name()) + ";";
		}
		String message = "Table " + table + " has no primary key: rows cannot be updated or replicated by key, "
				+ "and ORMs cannot map it" + ((unique != null)
						? " (its unique index " + unique.name() + " can become one if its columns are not null)" : "");
		return Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY.finding(message, fix,
				where(table, (unique != null) ? unique.columns() : List.of()));
	}

	private String drop(Index index) {
		if (index.constraint()) {
			return "alter table " + index.table() + " drop constraint " + bare(index.name()) + ";";
		}
		return this.postgres ? "drop index concurrently " + index.name() + ";"
				: "drop index " + index.name() + " on " + index.table() + ";";
	}

	private List<Index> indexesOf(String table) {
		return this.facts.indexes().stream().filter((index) -> index.table().equals(table)).toList();
	}

	private Where where(String table, List<String> columns) {
		return Where.table(table, columns).withDataSource(this.dataSource);
	}

	private static String bare(String table) {
		return table.substring(table.lastIndexOf('.') + 1).replace("\"", "");
	}

	private static String identifier(String name) {
		String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		return (plain.length() > MAX_IDENTIFIER) ? plain.substring(0, MAX_IDENTIFIER) : plain;
	}

}
