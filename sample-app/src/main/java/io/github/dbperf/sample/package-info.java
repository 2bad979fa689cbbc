/**
 * The dbperf sample application: a blog of authors, posts and comments.
 */
@NullMarked
package io.github.dbperf.sample;

import org.jspecify.annotations.NullMarked;
