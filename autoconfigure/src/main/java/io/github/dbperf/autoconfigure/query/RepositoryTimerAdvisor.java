package io.github.dbperf.autoconfigure.query;

import java.lang.reflect.Method;

import io.github.dbperf.query.RepositoryTimer;
import org.aopalliance.aop.Advice;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Repository;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Applies the {@link RepositoryTimer} to Spring Data repositories and {@code @Repository}
 * beans, through Spring AOP proxies (no weaving).
 *
 * @author dbperf
 * @since 0.1.0
 */
class RepositoryTimerAdvisor extends AbstractPointcutAdvisor {

	private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

	private final transient ObjectProvider<RepositoryTimer> timerProvider;

	private transient volatile @Nullable RepositoryTimer timer;

	private final transient MethodInterceptor advice = this::invoke;

	private final transient Pointcut pointcut = new RepositoryPointcut();

	RepositoryTimerAdvisor(ObjectProvider<RepositoryTimer> timerProvider) {
		this.timerProvider = timerProvider;
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	// The timer is looked up on first use so that creating this advisor, which happens
	// early, creates nothing else
	private @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		RepositoryTimer resolved = this.timer;
		if (resolved == null) {
			resolved = this.timerProvider.getObject();
			this.timer = resolved;
		}
		return resolved.invoke(invocation);
	}

	private static final class RepositoryPointcut extends StaticMethodMatcherPointcut {

		RepositoryPointcut() {
			setClassFilter(RepositoryPointcut::isRepository);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return !ReflectionUtils.isObjectMethod(method);
		}

		private static boolean isRepository(Class<?> type) {
			for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
				if (candidate.getName().equals(SPRING_DATA_REPOSITORY)) {
					return true;
				}
			}
			return AnnotatedElementUtils.hasAnnotation(type, Repository.class);
		}

	}

}
