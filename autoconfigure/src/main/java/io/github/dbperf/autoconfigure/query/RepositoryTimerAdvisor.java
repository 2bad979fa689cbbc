package io.github.dbperf.autoconfigure.query;

import io.github.dbperf.autoconfigure.LazyMethodInterceptor;
import io.github.dbperf.query.RepositoryTimer;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Applies the {@link RepositoryTimer} to the beans it times (see
 * {@link RepositoryTimer#pointcut()}), through Spring AOP proxies (no weaving).
 *
 * @author dbperf
 * @since 0.1.0
 */
class RepositoryTimerAdvisor extends AbstractPointcutAdvisor {

	private final transient Advice advice;

	RepositoryTimerAdvisor(ObjectProvider<RepositoryTimer> timer) {
		this.advice = new LazyMethodInterceptor(timer);
	}

	@Override
	public Pointcut getPointcut() {
		return RepositoryTimer.pointcut();
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

}
