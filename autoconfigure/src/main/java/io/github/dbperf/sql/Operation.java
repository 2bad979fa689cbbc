package io.github.dbperf.sql;

import java.util.Locale;

/**
 * What a statement does, as used in metric tags and listings. {@code WITH ... SELECT} is
 * a select, {@code SELECT ... FOR UPDATE} too; {@code MERGE} and {@code REPLACE} are
 * inserts; {@code CREATE}, {@code ALTER}, {@code DROP}, {@code RENAME}, {@code COMMENT},
 * {@code GRANT} and {@code REVOKE} are DDL ({@code TRUNCATE} is a delete: it changes rows
 * that caches hold); {@code CALL}, {@code SET} and the like are other.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum Operation {

	/**
	 * A query.
	 */
	SELECT,

	/**
	 * An insert, upsert, merge or replace.
	 */
	INSERT,

	/**
	 * An update.
	 */
	UPDATE,

	/**
	 * A delete or truncate.
	 */
	DELETE,

	/**
	 * A schema or privilege change: create, alter, drop, rename, comment, grant or
	 * revoke.
	 */
	DDL,

	/**
	 * Anything else.
	 */
	OTHER;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the lowercase name used as tag value.
	 * @return the tag value, such as {@code select}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
