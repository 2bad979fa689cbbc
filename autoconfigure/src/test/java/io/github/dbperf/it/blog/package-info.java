/**
 * A small JPA model for dbperf's integration tests.
 */
package io.github.dbperf.it.blog;
