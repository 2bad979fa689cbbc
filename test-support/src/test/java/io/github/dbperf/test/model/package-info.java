/**
 * A small JPA model with a LAZY to-many association.
 */
@NullMarked
package io.github.dbperf.test.model;

import org.jspecify.annotations.NullMarked;
