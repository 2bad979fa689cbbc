package io.github.dbperf.test;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Records statements around each test method, after Spring's test transaction started and
 * before it rolls back, and checks {@link ExpectQueries}, {@link ExpectMaxQueries} and
 * {@link NoNPlusOne} and {@link FailOnFindings}, the method's annotations winning over
 * the class's. Also resolves a {@link QueryRecorder} test parameter.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class QueryAssertionsExtension
		implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(QueryAssertionsExtension.class);

	@Override
	public void beforeTestExecution(ExtensionContext context) {
		recorder(context);
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		QueryRecorder recorder = context.getStore(NAMESPACE).remove(QueryRecorder.class, QueryRecorder.class);
		if (recorder == null) {
			return;
		}
		recorder.stop();
		if (context.getExecutionException().isPresent()) {
			return;
		}
		QueryRecorderAssert assertion = new QueryRecorderAssert(recorder);
		find(context, ExpectQueries.class).ifPresent((expected) -> {
			if (expected.select() >= 0) {
				assertion.hasSelectCount(expected.select());
			}
			if (expected.insert() >= 0) {
				assertion.hasInsertCount(expected.insert());
			}
			if (expected.update() >= 0) {
				assertion.hasUpdateCount(expected.update());
			}
			if (expected.delete() >= 0) {
				assertion.hasDeleteCount(expected.delete());
			}
			if (expected.total() >= 0) {
				assertion.hasStatementCount(expected.total());
			}
		});
		find(context, ExpectMaxQueries.class).ifPresent((maximum) -> assertion.hasAtMostStatements(maximum.value()));
		find(context, NoNPlusOne.class).ifPresent((annotation) -> assertion.hasNoNPlusOne());
		find(context, FailOnFindings.class)
			.ifPresent((annotation) -> assertion.hasNoFindingsAtLeast(annotation.severity()));
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == QueryRecorder.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return recorder(extensionContext);
	}

	private static QueryRecorder recorder(ExtensionContext context) {
		return context.getStore(NAMESPACE)
			.getOrComputeIfAbsent(QueryRecorder.class, (key) -> QueryRecorder.start(), QueryRecorder.class);
	}

	private static <A extends Annotation> Optional<A> find(ExtensionContext context, Class<A> type) {
		Optional<A> onMethod = context.getTestMethod().flatMap((method) -> findOn(method, type));
		return onMethod.isPresent() ? onMethod : context.getTestClass().flatMap((testClass) -> findOn(testClass, type));
	}

	private static <A extends Annotation> Optional<A> findOn(AnnotatedElement element, Class<A> type) {
		return AnnotationSupport.findAnnotation(element, type);
	}

}
