package io.github.dbperf.autoconfigure.cache;

import io.github.dbperf.cache.CachedQueryInterceptor;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Looks the {@link CachedQueryInterceptor} up on first use, so that the advisor, which is
 * created early, creates nothing else.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class LazyInterceptor implements MethodInterceptor {

	private final ObjectProvider<CachedQueryInterceptor> provider;

	private volatile @Nullable CachedQueryInterceptor interceptor;

	LazyInterceptor(ObjectProvider<CachedQueryInterceptor> provider) {
		this.provider = provider;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		CachedQueryInterceptor resolved = this.interceptor;
		if (resolved == null) {
			resolved = this.provider.getObject();
			this.interceptor = resolved;
		}
		return resolved.invoke(invocation);
	}

}
