package io.github.dbperf.sql;

import java.util.Locale;

/**
 * Table names as {@link SqlFingerprinter} reports them, so that names from elsewhere
 * (Hibernate's mappings, a fingerprint's qualified names) compare equal to them.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TableNames {

	private TableNames() {
	}

	/**
	 * Return a table name without its schema or catalog, in the form fingerprints use:
	 * quotes ({@code "}, {@code `} and {@code []}) removed and lowercase, since the
	 * normalizer folds quoted identifiers to lowercase as it does unquoted ones.
	 * @param table the name, possibly qualified and quoted, such as
	 * {@code "Shop"."Category"}
	 * @return the unqualified name, such as {@code category}
	 */
	public static String unqualified(String table) {
		String name = table.toLowerCase(Locale.ROOT)
			.replace("\"", "")
			.replace("`", "")
			.replace("[", "")
			.replace("]", "");
		return name.substring(name.lastIndexOf('.') + 1);
	}

}
