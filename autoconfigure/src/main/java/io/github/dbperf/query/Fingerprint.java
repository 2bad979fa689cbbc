package io.github.dbperf.query;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * TEMPORARY stub until the fingerprinter lands.
 */
public record Fingerprint(String id, String sql, Operation operation, Set<String> tables, @Nullable String writtenTable,
		boolean batchFetch) {
}
