package io.github.dbperf.query;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.dbperf.context.RepositoryContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Repository;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Times repository methods and attributes the statements they run to them: calls, time
 * and statements per call. Nested repository calls count toward the outermost one.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class RepositoryTimer implements MethodInterceptor {

	private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

	private static final String PAGEABLE = "org.springframework.data.domain.Pageable";

	private static final String LIMIT = "org.springframework.data.domain.Limit";

	private static final String UNPAGED = "org.springframework.data.domain.Unpaged";

	private static final String UNLIMITED = "org.springframework.data.domain.Limit$Unlimited";

	private static final Pointcut POINTCUT = new RepositoryPointcut();

	private final int maxMethods;

	private final Map<Method, Map<Class<?>, String>> names = new ConcurrentHashMap<>();

	private final Map<String, Stats> stats = new ConcurrentHashMap<>();

	private final Map<Method, Integer> pageParameters = new ConcurrentHashMap<>();

	/**
	 * Create a new timer.
	 * @param maxMethods the most repository methods tracked
	 */
	public RepositoryTimer(int maxMethods) {
		this.maxMethods = maxMethods;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		String name = name(invocation);
		RepositoryContext.Frame frame = RepositoryContext.enter(name, isPaged(invocation));
		if (frame == null) {
			return invocation.proceed();
		}
		long start = System.nanoTime();
		try {
			return invocation.proceed();
		}
		finally {
			long elapsed = System.nanoTime() - start;
			RepositoryContext.exit(frame);
			Stats methodStats = this.stats.get(name);
			if (methodStats == null && this.stats.size() < this.maxMethods) {
				methodStats = this.stats.computeIfAbsent(name, (key) -> new Stats());
			}
			if (methodStats != null) {
				methodStats.calls.increment();
				methodStats.nanos.add(elapsed);
				methodStats.statements.add(frame.statements());
			}
		}
	}

	/**
	 * Whether the call passes a page or limit that asks for fewer rows than all: a
	 * {@code Pageable} or {@code Limit} argument other than Spring Data's unpaged or
	 * unlimited one. Types are matched by name, as Spring Data is optional.
	 */
	private boolean isPaged(MethodInvocation invocation) {
		int index = this.pageParameters.computeIfAbsent(invocation.getMethod(), RepositoryTimer::pageParameter);
		if (index < 0) {
			return false;
		}
		Object argument = invocation.getArguments()[index];
		if (argument == null) {
			return false;
		}
		String type = argument.getClass().getName();
		return !type.equals(UNPAGED) && !type.equals(UNLIMITED);
	}

	private static int pageParameter(Method method) {
		Class<?>[] types = method.getParameterTypes();
		for (int index = 0; index < types.length; index++) {
			for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(types[index])) {
				if (type.getName().equals(PAGEABLE) || type.getName().equals(LIMIT)) {
					return index;
				}
			}
			if (types[index].getName().equals(PAGEABLE) || types[index].getName().equals(LIMIT)) {
				return index;
			}
		}
		return -1;
	}

	private String name(MethodInvocation invocation) {
		// Spring Data's own proxy implements the application's repository interface; its
		// target (SimpleJpaRepository) does not
		Object named = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.getProxy()
				: invocation.getThis();
		Class<?> namedClass = (named != null) ? named.getClass() : invocation.getMethod().getDeclaringClass();
		return this.names.computeIfAbsent(invocation.getMethod(), (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(namedClass, (type) -> repositoryName(type, invocation.getMethod()));
	}

	private static String repositoryName(Class<?> type, Method method) {
		Class<?> named = ClassUtils.getUserClass(type);
		Class<?> firstOwn = null;
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getName().startsWith("org.springframework.")) {
				continue;
			}
			if (isSpringDataRepository(candidate)) {
				return candidate.getSimpleName() + "." + method.getName();
			}
			firstOwn = (firstOwn != null) ? firstOwn : candidate;
		}
		if (Proxy.isProxyClass(type) && firstOwn != null) {
			named = firstOwn;
		}
		return named.getSimpleName() + "." + method.getName();
	}

	/**
	 * Return the methods this timer is meant for: those of Spring Data repositories and
	 * of {@code @Repository} beans, {@link Object}'s own left out.
	 * @return the pointcut
	 */
	public static Pointcut pointcut() {
		return POINTCUT;
	}

	private static boolean isRepository(Class<?> type) {
		return isSpringDataRepository(type) || AnnotatedElementUtils.hasAnnotation(type, Repository.class);
	}

	private static boolean isSpringDataRepository(Class<?> type) {
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getName().equals(SPRING_DATA_REPOSITORY)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the statistics of every timed method.
	 * @return the methods, most total time first
	 */
	public List<RepositoryMethodStats> methods() {
		List<RepositoryMethodStats> methods = new ArrayList<>();
		this.stats.forEach((name, methodStats) -> {
			long calls = methodStats.calls.sum();
			double totalMs = methodStats.nanos.sum() / 1_000_000.0;
			long statements = methodStats.statements.sum();
			methods.add(new RepositoryMethodStats(name, calls, Math.round(totalMs * 1000) / 1000.0,
					(calls > 0) ? Math.round(totalMs / calls * 1000) / 1000.0 : 0, statements,
					(calls > 0) ? Math.round((double) statements / calls * 100) / 100.0 : 0));
		});
		methods.sort((a, b) -> Double.compare(b.totalMs(), a.totalMs()));
		return methods;
	}

	/**
	 * Forget all statistics.
	 */
	public void reset() {
		this.stats.clear();
	}

	private static final class RepositoryPointcut extends StaticMethodMatcherPointcut {

		RepositoryPointcut() {
			setClassFilter(RepositoryTimer::isRepository);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return !ReflectionUtils.isObjectMethod(method);
		}

	}

	private static final class Stats {

		private final LongAdder calls = new LongAdder();

		private final LongAdder nanos = new LongAdder();

		private final LongAdder statements = new LongAdder();

	}

}
