/**
 * What dbperf reads from JPA mappings and the Hibernate settings it tunes, shared by the
 * features, the advisor and the auto-configuration.
 */
@NullMarked
package io.github.dbperf.jpa;

import org.jspecify.annotations.NullMarked;
