package io.github.dbperf.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test unless exactly these statements ran while it executed; a count left at
 * {@code -1} is not checked.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(QueryAssertionsExtension.class)
public @interface ExpectQueries {

	/**
	 * Selects expected.
	 * @return the count, or -1
	 */
	int select() default -1;

	/**
	 * Inserts expected.
	 * @return the count, or -1
	 */
	int insert() default -1;

	/**
	 * Updates expected.
	 * @return the count, or -1
	 */
	int update() default -1;

	/**
	 * Deletes expected.
	 * @return the count, or -1
	 */
	int delete() default -1;

	/**
	 * Statements of any kind expected.
	 * @return the count, or -1
	 */
	int total() default -1;

}
