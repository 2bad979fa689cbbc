package io.github.dbperf.autoconfigure.nplusone;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneMode;
import io.github.dbperf.nplusone.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnitOfWorkNamingInterceptor}.
 */
class UnitOfWorkNamingInterceptorTests {

	private final NPlusOneDetector detector = new NPlusOneDetector(
			new NPlusOneDetector.Settings(NPlusOneMode.LOG, 3, Set.of(), 500, Duration.ofMinutes(1)),
			new ApplicationFrames(List.of("com.example")), (fingerprint, tables) -> null, new IncidentStore(500),
			(incident) -> {
			});

	private final UnitOfWorkNamingInterceptor interceptor = new UnitOfWorkNamingInterceptor();

	@Test
	void whenRequestsMatchTheSameRouteThenTheirUnitsShareOneNameInsteadOfANewStringEach() {
		String first = named("GET", "/posts/{id}");
		String second = named("GET", "/posts/{id}");
		assertThat(first).isEqualTo("GET /posts/{id}").isSameAs(second);
		assertThat(named("POST", "/posts/{id}")).isEqualTo("POST /posts/{id}");
	}

	@Test
	void whenClientsSendManyMethodsAndRoutesThenEachRequestIsStillNamed() {
		for (int i = 0; i < 100; i++) {
			assertThat(named("M" + i, "/items/" + i)).isEqualTo("M" + i + " /items/" + i);
		}
		for (int i = 0; i < 2000; i++) {
			assertThat(named("GET", "/pages/" + i)).isEqualTo("GET /pages/" + i);
		}
	}

	@Test
	void whenARequestHasNoMethodThenItIsNamedWithoutAnError() {
		assertThat(named(null, "/posts")).isEqualTo("null /posts");
	}

	private String named(@Nullable String method, String pattern) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/ignored");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
		UnitOfWork unit = this.detector.open("request");
		assertThat(unit).isNotNull();
		try {
			request.setAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE, unit);
			this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object());
			return unit.name();
		}
		finally {
			this.detector.close(unit);
		}
	}

}
