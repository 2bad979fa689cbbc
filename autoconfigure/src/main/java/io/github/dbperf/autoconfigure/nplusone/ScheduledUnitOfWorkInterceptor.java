package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes every {@code @Scheduled} run a unit of work named by its method.
 *
 * @author dbperf
 * @since 0.1.0
 */
class ScheduledUnitOfWorkInterceptor implements MethodInterceptor {

	private final ObjectProvider<NPlusOneDetector> detectorProvider;

	ScheduledUnitOfWorkInterceptor(ObjectProvider<NPlusOneDetector> detectorProvider) {
		this.detectorProvider = detectorProvider;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		// Looked up per run so that creating the advisor, which happens early, creates
		// nothing else; scheduled runs are rare enough for the lookup
		NPlusOneDetector detector = this.detectorProvider.getObject();
		UnitOfWork unit = detector.open("scheduled " + type.getSimpleName() + "." + invocation.getMethod().getName());
		try {
			return invocation.proceed();
		}
		finally {
			detector.close(unit);
		}
	}

}
