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
 * Fails the test class when a {@code mapping} rule of dbperf's catalogue found something
 * in the persistence unit of the test's application context, at or above a severity. The
 * mapping rules run once at startup over the whole JPA metamodel, so one annotated test
 * class covers every entity; the application's {@code dbperf.rules.*} settings apply.
 *
 * <pre class="code">
 * &#64;DataJpaTest
 * &#64;NoMappingFindings
 * class MappingTests {
 *     &#64;Test
 *     void contextLoads() {
 *     }
 * }
 * </pre>
 *
 * Needs Spring's JUnit extension ({@code @SpringBootTest}, {@code @DataJpaTest}).
 *
 * @author dbperf
 * @since 0.2.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MappingFindingsExtension.class)
public @interface NoMappingFindings {

	/**
	 * The least severity that fails the test class.
	 * @return the severity
	 */
	Severity severity() default Severity.INFO;

}
