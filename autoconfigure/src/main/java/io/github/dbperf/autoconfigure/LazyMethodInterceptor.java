package io.github.dbperf.autoconfigure;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Delegates to an interceptor bean looked up on first use, so that an advisor, which is
 * created early (before most other beans), creates nothing else. Shared by dbperf's
 * advisors.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class LazyMethodInterceptor implements MethodInterceptor {

	private final SingletonSupplier<? extends MethodInterceptor> interceptor;

	/**
	 * Create a new interceptor.
	 * @param interceptor the interceptor bean, looked up at the first call
	 */
	public LazyMethodInterceptor(ObjectProvider<? extends MethodInterceptor> interceptor) {
		this.interceptor = SingletonSupplier.of(interceptor::getObject);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return this.interceptor.obtain().invoke(invocation);
	}

}
