package io.github.dbperf.rules;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where a finding fired; only the parts that apply are set.
 *
 * @param setting the property to change, such as {@code spring.jpa.open-in-view}
 * @param dataSource the DataSource bean name
 * @param entity the entity, by simple name
 * @param field the entity's attribute
 * @param table the table
 * @param columns the table's columns involved, in order
 * @param fingerprint the fingerprint id
 * @param sql the fingerprint's normalized SQL (never bind values)
 * @param callSite the application frame that ran it
 * @param unitOfWork the unit of work, such as {@code GET /owners}
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Where(@Nullable String setting, @Nullable String dataSource, @Nullable String entity,
		@Nullable String field, @Nullable String table, List<String> columns, @Nullable String fingerprint,
		@Nullable String sql, @Nullable String callSite, @Nullable String unitOfWork) {

	private static final Where NOWHERE = new Where(null, null, null, null, null, List.of(), null, null, null, null);

	/**
	 * A finding about the whole application.
	 * @return an empty location
	 */
	public static Where nowhere() {
		return NOWHERE;
	}

	/**
	 * A finding about a setting.
	 * @param setting the property to change
	 * @return the location
	 */
	public static Where setting(String setting) {
		return NOWHERE.withSetting(setting);
	}

	/**
	 * A finding about an entity or one of its attributes.
	 * @param entity the entity's simple name
	 * @param field the attribute, or {@code null} for the entity itself
	 * @return the location
	 */
	public static Where attribute(String entity, @Nullable String field) {
		return new Where(null, null, entity, field, null, List.of(), null, null, null, null);
	}

	/**
	 * A finding about a table.
	 * @param table the table
	 * @param columns its columns involved
	 * @return the location
	 */
	public static Where table(String table, List<String> columns) {
		return new Where(null, null, null, null, table, List.copyOf(columns), null, null, null, null);
	}

	/**
	 * A finding about a statement.
	 * @param fingerprint the fingerprint id
	 * @param sql the normalized SQL
	 * @return the location
	 */
	public static Where statement(String fingerprint, String sql) {
		return new Where(null, null, null, null, null, List.of(), fingerprint, sql, null, null);
	}

	public Where withSetting(@Nullable String setting) {
		return new Where(setting, this.dataSource, this.entity, this.field, this.table, this.columns, this.fingerprint,
				this.sql, this.callSite, this.unitOfWork);
	}

	public Where withDataSource(@Nullable String dataSource) {
		return new Where(this.setting, dataSource, this.entity, this.field, this.table, this.columns, this.fingerprint,
				this.sql, this.callSite, this.unitOfWork);
	}

	public Where withCallSite(@Nullable String callSite) {
		return new Where(this.setting, this.dataSource, this.entity, this.field, this.table, this.columns,
				this.fingerprint, this.sql, callSite, this.unitOfWork);
	}

	public Where withUnitOfWork(@Nullable String unitOfWork) {
		return new Where(this.setting, this.dataSource, this.entity, this.field, this.table, this.columns,
				this.fingerprint, this.sql, this.callSite, unitOfWork);
	}

	/**
	 * Return the text an ignore pattern is matched against for this location: the entity
	 * and field as {@code Entity.field}, the fingerprint id, the call site, the table and
	 * the setting, whichever are set.
	 * @return the candidates, never {@code null} elements
	 */
	public List<String> matchables() {
		java.util.ArrayList<String> candidates = new java.util.ArrayList<>(4);
		if (this.entity != null) {
			candidates.add((this.field != null) ? this.entity + "." + this.field : this.entity);
		}
		add(candidates, this.fingerprint);
		add(candidates, this.callSite);
		add(candidates, this.table);
		add(candidates, this.setting);
		add(candidates, this.unitOfWork);
		add(candidates, this.dataSource);
		return candidates;
	}

	private static void add(List<String> candidates, @Nullable String value) {
		if (value != null) {
			candidates.add(value);
		}
	}

}
