package io.github.dbperf.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only when the MariaDB on localhost:3306 answers; otherwise it is reported
 * as skipped with the reason.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MariaDbCondition.class)
public @interface EnabledIfMariaDbReachable {

}
