package io.github.dbperf.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.dbperf.rules.Severity;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when a {@code sql} or {@code runtime} rule of dbperf's catalogue found
 * something at or above a severity in the statements it ran, so a build fails on a new
 * anti-pattern. The application's {@code dbperf.rules.*} settings (rules turned off,
 * severities, ignores) apply.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;FailOnFindings(severity = Severity.WARN)
 * class OwnerServiceTests { ... }
 * </pre>
 *
 * @author dbperf
 * @since 0.2.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(QueryAssertionsExtension.class)
public @interface FailOnFindings {

	/**
	 * The least severity that fails the test.
	 * @return the severity
	 */
	Severity severity() default Severity.WARN;

}
