/**
 * What every feature reads about the current call: the unit of work and repository method
 * on this thread, the application's own stack frames, the startup phase, and the rule
 * that dbperf never throws into the caller.
 */
@NullMarked
package io.github.dbperf.context;

import org.jspecify.annotations.NullMarked;
