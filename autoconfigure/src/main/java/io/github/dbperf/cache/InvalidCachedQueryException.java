package io.github.dbperf.cache;

import java.lang.reflect.Method;

/**
 * Thrown at startup when a {@link CachedQuery} cannot work: a bad time to live or SpEL
 * expression, a return type that must not be cached, or a parameter that cannot be an
 * exact key part.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class InvalidCachedQueryException extends RuntimeException {

	private final String methodName;

	private final String fix;

	/**
	 * Create a new exception.
	 * @param method the annotated method
	 * @param problem what is wrong
	 * @param fix what to do instead
	 */
	public InvalidCachedQueryException(Method method, String problem, String fix) {
		super("Invalid @CachedQuery on " + describe(method) + ": " + problem);
		this.methodName = describe(method);
		this.fix = fix;
	}

	/**
	 * Return the method, as {@code SimpleClassName.method(ParameterTypes)}.
	 * @return the method
	 */
	public String getMethodName() {
		return this.methodName;
	}

	/**
	 * Return what to do instead.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

	static String describe(Method method) {
		StringBuilder text = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
