package io.github.dbperf.jdbc;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method of {@link Connection}, {@link Statement}, {@link PreparedStatement} and
 * {@link CallableStatement}, JDBC 4.3 defaults included, is implemented by dbperf's
 * wrapper (not inherited from the interface) and reaches the driver's object with the
 * arguments it was given. The driver here is a recording proxy: what is tested is the
 * wrappers' delegation, which real drivers exercise in {@link JdbcWrapperContractTests}.
 */
class JdbcWrapperDelegationTests {

	static Stream<Arguments> methods() {
		return Stream
			.of(Connection.class, Statement.class, PreparedStatement.class, CallableStatement.class, ResultSet.class)
			.flatMap((type) -> Arrays.stream(type.getMethods())
				.filter((method) -> !Modifier.isStatic(method.getModifiers()))
				.map((method) -> Arguments.of(type.getSimpleName(), describe(method), type, method)));
	}

	@ParameterizedTest(name = "{0}.{1}")
	@MethodSource("methods")
	void whenAMethodIsCalledOnTheWrapperThenTheWrapperImplementsItAndTheDriverReceivesTheCall(String typeName,
			String signature, Class<?> type, Method method) throws Throwable {
		Object wrapper = wrapperFor(type, new ArrayList<>());
		assertThat(implementingClass(wrapper.getClass(), method)).as("class implementing %s", signature)
			.isNotNull()
			.isNotEqualTo(Object.class);
		List<Call> calls = new ArrayList<>();
		wrapper = wrapperFor(type, calls);
		Object[] arguments = arguments(method);
		try {
			method.invoke(wrapper, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		assertThat(calls).as("calls the driver received for %s", signature).anySatisfy((call) -> {
			assertThat(describe(call.method())).isEqualTo(signature);
			assertThat(call.arguments()).containsExactly(arguments);
		});
	}

	private static @Nullable Class<?> implementingClass(Class<?> wrapperClass, Method method) {
		for (Class<?> current = wrapperClass; current != null
				&& current != Object.class; current = current.getSuperclass()) {
			try {
				Method declared = current.getDeclaredMethod(method.getName(), method.getParameterTypes());
				if (!Modifier.isAbstract(declared.getModifiers())) {
					return current;
				}
			}
			catch (NoSuchMethodException ex) {
				// Look further up
			}
		}
		return null;
	}

	private static Object wrapperFor(Class<?> type, List<Call> calls) {
		CapturingConnection connection = new CapturingConnection(recording(Connection.class, calls),
				new CaptureListener(new SqlFingerprinter(), List.of(), true).forDataSource("dataSource",
						SqlDialect.GENERIC),
				ConnectionEvents.NONE, null);
		BiFunction<Class<?>, CapturingConnection, Object> factory = (kind, owner) -> {
			if (kind == Connection.class) {
				return owner;
			}
			if (kind == Statement.class) {
				return new CapturingStatement<>(recording(Statement.class, calls), owner);
			}
			if (kind == ResultSet.class) {
				UnitOfWorkContext.Unit unit = () -> "test";
				return new CountingResultSet(recording(ResultSet.class, calls), unit, "select 1");
			}
			if (kind == PreparedStatement.class) {
				return new CapturingPreparedStatement<>(recording(PreparedStatement.class, calls), owner, "select ?");
			}
			return new CapturingCallableStatement(recording(CallableStatement.class, calls), owner, "call p(?)");
		};
		return factory.apply(type, connection);
	}

	@SuppressWarnings("unchecked")
	private static <T> T recording(Class<T> type, List<Call> calls) {
		return (T) Proxy.newProxyInstance(JdbcWrapperDelegationTests.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> "recording " + type.getSimpleName();
						};
					}
					calls.add(new Call(method, (args != null) ? args : new Object[0]));
					return valueOf(method.getReturnType(), calls);
				});
	}

	private static @Nullable Object valueOf(Class<?> type, List<Call> calls) {
		if (type == void.class) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == long.class) {
			return 3L;
		}
		if (type == int.class) {
			return 3;
		}
		if (type == short.class) {
			return (short) 3;
		}
		if (type == byte.class) {
			return (byte) 3;
		}
		if (type == double.class) {
			return 3.0;
		}
		if (type == float.class) {
			return 3.0f;
		}
		if (type == String.class) {
			return "text";
		}
		if (type.isArray()) {
			return Array.newInstance(type.getComponentType(), 0);
		}
		if (type.isInterface()) {
			return recording(type, calls);
		}
		return null;
	}

	private static Object[] arguments(Method method) {
		Class<?>[] types = method.getParameterTypes();
		Object[] arguments = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			arguments[i] = argument(types[i], i);
		}
		return arguments;
	}

	private static @Nullable Object argument(Class<?> type, int position) {
		if (type == Class.class) {
			// A type the wrapper does not implement, so the driver is asked
			return Runnable.class;
		}
		if (type == int.class) {
			return position + 1;
		}
		if (type == String.class) {
			return "select " + position;
		}
		Object value = valueOf(type, new ArrayList<>());
		if (value == null && type.isPrimitive()) {
			throw new IllegalStateException("No value for " + type);
		}
		return value;
	}

	private static String describe(Method method) {
		return method.getName() + "("
				+ String.join(", ",
						Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toArray(String[]::new))
				+ ")";
	}

	record Call(Method method, Object[] arguments) {

	}

}
