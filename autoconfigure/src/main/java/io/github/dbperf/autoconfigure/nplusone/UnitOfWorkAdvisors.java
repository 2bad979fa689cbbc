package io.github.dbperf.autoconfigure.nplusone;

import java.lang.annotation.Annotation;

import io.github.dbperf.nplusone.NPlusOneDetector;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

/**
 * Advisors that make runs of annotated methods units of work: {@code @Scheduled} and
 * {@code @Async} methods and message listeners.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class UnitOfWorkAdvisors {

	private UnitOfWorkAdvisors() {
	}

	static DefaultPointcutAdvisor scheduled(ObjectProvider<NPlusOneDetector> detector) {
		return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Scheduled.class),
				new MethodUnitOfWorkInterceptor("scheduled", detector));
	}

	/**
	 * Spring's async advisor goes in front of every existing advisor, so this one runs on
	 * the executor's thread.
	 */
	static DefaultPointcutAdvisor async(ObjectProvider<NPlusOneDetector> detector) {
		Pointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(Async.class, true))
			.union(new AnnotationMatchingPointcut(null, Async.class, true));
		return ordered(pointcut, "async", detector);
	}

	/**
	 * An advisor for methods carrying one of the given annotations, such as
	 * {@code @KafkaListener}, which is named as a string because its library is optional.
	 */
	static DefaultPointcutAdvisor listener(ObjectProvider<NPlusOneDetector> detector, String annotationName,
			String... moreAnnotationNames) {
		ComposablePointcut pointcut = new ComposablePointcut(annotated(annotationName));
		for (String name : moreAnnotationNames) {
			pointcut.union(annotated(name));
		}
		return ordered(pointcut, "listener", detector);
	}

	// Ahead of @Transactional, so the unit is named by the method, not by its transaction
	private static DefaultPointcutAdvisor ordered(Pointcut pointcut, String kind,
			ObjectProvider<NPlusOneDetector> detector) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut,
				new MethodUnitOfWorkInterceptor(kind, detector));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

	@SuppressWarnings("unchecked")
	private static Pointcut annotated(String annotationName) {
		Class<? extends Annotation> type = (Class<? extends Annotation>) ClassUtils.resolveClassName(annotationName,
				UnitOfWorkAdvisors.class.getClassLoader());
		return new AnnotationMatchingPointcut(null, type, true);
	}

}
