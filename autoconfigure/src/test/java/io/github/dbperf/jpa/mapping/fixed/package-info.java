/**
 * Entities for the mapping rules' tests: each is the fixed form of its namesake in the
 * bad package and fires none.
 */
package io.github.dbperf.jpa.mapping.fixed;
