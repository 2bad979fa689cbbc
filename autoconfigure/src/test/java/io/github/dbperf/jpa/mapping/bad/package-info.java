/**
 * Entities for the mapping rules' tests: each fires one rule.
 */
package io.github.dbperf.jpa.mapping.bad;
