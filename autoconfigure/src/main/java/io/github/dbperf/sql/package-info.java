/**
 * SQL text: dialects, the normalizer that folds literals into fingerprints, and what a
 * statement reads and writes.
 */
@NullMarked
package io.github.dbperf.sql;

import org.jspecify.annotations.NullMarked;
