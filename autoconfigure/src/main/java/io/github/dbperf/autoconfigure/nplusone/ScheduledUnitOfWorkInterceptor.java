package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Makes every {@code @Scheduled} run a unit of work named by its method.
 *
 * @author dbperf
 * @since 0.1.0
 */
class ScheduledUnitOfWorkInterceptor implements MethodInterceptor {

	private final NPlusOneDetector detector;

	ScheduledUnitOfWorkInterceptor(NPlusOneDetector detector) {
		this.detector = detector;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		UnitOfWork unit = this.detector
			.open("scheduled " + type.getSimpleName() + "." + invocation.getMethod().getName());
		try {
			return invocation.proceed();
		}
		finally {
			this.detector.close(unit);
		}
	}

}
