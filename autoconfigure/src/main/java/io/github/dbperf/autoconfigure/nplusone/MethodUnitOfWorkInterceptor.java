package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes every run of an intercepted method, such as a {@code @Scheduled} or
 * {@code @Async} method or a message listener, a unit of work named by its method.
 *
 * @author dbperf
 * @since 0.1.0
 */
class MethodUnitOfWorkInterceptor implements MethodInterceptor {

	private final String kind;

	private final SingletonSupplier<NPlusOneDetector> detector;

	/**
	 * Create a new interceptor.
	 * @param kind what runs the method, such as {@code scheduled}, the first word of the
	 * unit's name
	 * @param detectorProvider the detector
	 */
	MethodUnitOfWorkInterceptor(String kind, ObjectProvider<NPlusOneDetector> detectorProvider) {
		this.kind = kind;
		// Looked up at the first run so that creating the advisor, which happens early,
		// creates nothing else
		this.detector = SingletonSupplier.of(detectorProvider::getObject);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		NPlusOneDetector detector = this.detector.obtain();
		UnitOfWork unit = detector
			.open(this.kind + " " + type.getSimpleName() + "." + invocation.getMethod().getName());
		try {
			return invocation.proceed();
		}
		finally {
			detector.close(unit);
		}
	}

}
