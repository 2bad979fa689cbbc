/**
 * The rule catalogue: every performance anti-pattern dbperf knows, under a stable id, the
 * findings rules report and the user's settings that silence or re-grade them.
 */
@NullMarked
package io.github.dbperf.rules;

import org.jspecify.annotations.NullMarked;
