package io.github.dbperf.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setter of {@link PreparedStatement} and {@link CallableStatement} that binds a
 * value by parameter index is overridden by {@link CapturingPreparedStatement}, so a
 * setter a future JDK adds cannot bind a value the parameter hash does not see (the
 * generated delegate would pass it on without noting it).
 */
class ParameterSetterCoverageTests {

	static Stream<Method> indexedSetters() {
		return Stream.of(PreparedStatement.class, CallableStatement.class)
			.flatMap((type) -> Arrays.stream(type.getMethods()))
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> method.getDeclaringClass() != Statement.class)
			.filter((method) -> method.getName().startsWith("set"))
			.filter((method) -> method.getParameterCount() > 0 && method.getParameterTypes()[0] == int.class)
			.distinct();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("indexedSetters")
	void whenASetterBindsByIndexThenCapturingPreparedStatementOverridesIt(Method setter) throws Exception {
		for (Class<?> wrapper : List.of(CapturingPreparedStatement.class, CapturingCallableStatement.class)) {
			if (setter.getDeclaringClass().isAssignableFrom(wrapper)) {
				Method implementation = wrapper.getMethod(setter.getName(), setter.getParameterTypes());
				assertThat(implementation.getDeclaringClass())
					.as("class implementing %s on %s", setter, wrapper.getSimpleName())
					.isIn(CapturingPreparedStatement.class, CapturingCallableStatement.class);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("indexedSetters")
	void whenASetterIsFoundThenItIsOneThatBindsAValue(Method setter) {
		assertThat(setter.getDeclaringClass()).isIn(PreparedStatement.class, CallableStatement.class);
	}

}
