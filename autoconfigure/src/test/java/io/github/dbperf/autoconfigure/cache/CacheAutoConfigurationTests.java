package io.github.dbperf.autoconfigure.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.dbperf.actuate.QueryCacheEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CachedQuery;
import io.github.dbperf.cache.CaffeineCacheTier;
import io.github.dbperf.cache.InvalidCachedQueryException;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.testing.Startup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CacheAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=querycache")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, CacheAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenRedisIsMissingThenUsesCaffeine() {
		this.contextRunner.withUserConfiguration(GreetingConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CaffeineCacheTier.class);
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(greeter.greet("ada")).isEqualTo(greeter.greet("ada"));
			assertThat(greeter.calls()).isEqualTo(1);
		});
	}

	@Test
	void whenCacheIsDisabledThenMethodsRunEveryTime() {
		this.contextRunner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("dbperf.cache.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CacheTier.class);
				Greeter greeter = context.getBean(Greeter.class);
				greeter.greet("ada");
				greeter.greet("ada");
				assertThat(greeter.calls()).isEqualTo(2);
			});
	}

	@Test
	void whenTheEndpointIsExposedThenItListsAndClearsCaches() {
		this.contextRunner.withUserConfiguration(GreetingConfiguration.class).run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			greeter.greet("ada");
			greeter.greet("ada");
			QueryCacheEndpoint endpoint = context.getBean(QueryCacheEndpoint.class);
			assertThat(endpoint.caches().caches()).singleElement().satisfies((cache) -> {
				assertThat(cache.name()).isEqualTo("greetings");
				assertThat(cache.method()).isEqualTo("Greeter.greet(String)");
				assertThat(cache.hits()).isEqualTo(1);
				assertThat(cache.ttl()).hasSeconds(60);
			});
			endpoint.clearAll();
			greeter.greet("ada");
			assertThat(greeter.calls()).isEqualTo(2);
			assertThat(context.getBean(QueryCacheManager.class).caches().get(0).evictions()).isEqualTo(1);
		});
	}

	@Test
	void whenTtlIsNotADurationThenStartupFailsNamingTheMethod(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> run(BadTtlConfiguration.class));
		assertThat(output).contains("Invalid @CachedQuery on BadTtl.find(long): ttl 'soon' is not a duration")
			.contains("Set ttl to a duration such as \"60s\"");
	}

	@Test
	void whenKeyExpressionDoesNotParseThenStartupFailsNamingTheMethod() {
		this.contextRunner.withUserConfiguration(BadKeyConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCachedQueryException.class)
				.hasMessageContaining("BadKey.find(long): key expression '#id +' does not parse");
		});
	}

	@Test
	void whenTheResultHoldsJpaEntitiesThenStartupFailsAskingForADto() {
		this.contextRunner.withUserConfiguration(EntityResultConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCachedQueryException.class)
				.hasMessageContaining("OwnerFinder.owners(): its result holds the JPA entity Owner")
				.extracting("fix")
				.asString()
				.contains("DTO or a projection");
		});
	}

	@Test
	void whenTheResultHoldsEntitiesThroughATypeVariableBoundThenStartupFailsAskingForADto() {
		this.contextRunner.withUserConfiguration(BoundedEntityResultConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCachedQueryException.class)
				.hasMessageContaining("BoundedOwnerFinder.owners(): its result holds the JPA entity Owner");
		});
	}

	@Test
	void whenTheResultHoldsEntitiesThroughAWildcardLowerBoundThenStartupFailsAskingForADto() {
		this.contextRunner.withUserConfiguration(WildcardEntityResultConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCachedQueryException.class)
				.hasMessageContaining("WildcardOwnerFinder.owners(): its result holds the JPA entity Owner");
		});
	}

	@Test
	void whenAKeyParameterHasStateItsGettersDoNotShowThenStartupFailsNamingTheParameter() {
		assertKeyParameterRefused(TenantKeyConfiguration.class,
				"TenantFinder.find(TenantFilter): parameter 'filter' (TenantFilter) cannot be part of the cache key"
						+ " exactly");
	}

	@Test
	void whenAKeyParameterHasNoPropertiesThenStartupFailsNamingTheParameter() {
		assertKeyParameterRefused(EmptyKeyConfiguration.class,
				"EmptyFinder.find(Empty): parameter 'empty' (Empty) cannot be part of the cache key exactly");
	}

	@Test
	void whenAKeyParameterRefersToItselfThenStartupFailsNamingTheParameter() {
		assertKeyParameterRefused(SelfReferenceKeyConfiguration.class,
				"NodeFinder.find(Node): parameter 'node' (Node) cannot be part of the cache key exactly");
	}

	@Test
	void whenAKeyParameterHasAGetterThatThrowsThenStartupFailsNamingTheParameter() {
		assertKeyParameterRefused(ThrowingGetterKeyConfiguration.class,
				"DetachedFinder.find(Detached): parameter 'detached' (Detached) cannot be part of the cache key exactly");
	}

	@Test
	void whenAKeyParameterIsARecordHoldingABeanThenStartupFailsNamingTheComponent() {
		assertKeyParameterRefused(RecordOfBeanKeyConfiguration.class,
				"component 'filter' of Wrapper: " + TenantFilter.class.getName() + " is not a JDK value type");
	}

	@Test
	void whenKeyParametersAreExactOrAKeyExpressionPicksExactPartsThenStartupSucceeds() {
		this.contextRunner.withUserConfiguration(ExactKeyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ExactFinder finder = context.getBean(ExactFinder.class);
			assertThat(finder.find(new ExactFilter("a", List.of(1L), Map.of(Color.RED, Set.of("x")), Optional.empty()),
					new long[] { 1 }))
				.isEqualTo(
						finder.find(new ExactFilter("a", List.of(1L), Map.of(Color.RED, Set.of("x")), Optional.empty()),
								new long[] { 1 }));
			assertThat(finder.calls()).isEqualTo(1);
			assertThat(finder.byTenant(new TenantFilter("t1", "n")))
				.isNotEqualTo(finder.byTenant(new TenantFilter("t2", "n")));
		});
	}

	private void assertKeyParameterRefused(Class<?> configuration, String message) {
		this.contextRunner.withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCachedQueryException.class)
				.hasMessageContaining(message)
				.extracting("fix")
				.asString()
				.contains("key = \"#");
		});
	}

	@Test
	void whenDefaultTtlIsNotPositiveThenStartupFailsNamingTheProperty(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> run(GreetingConfiguration.class, "dbperf.cache.default-ttl=0s"));
		assertThat(output).contains("'dbperf.cache.default-ttl'").contains("a positive duration");
	}

	@Test
	void whenTypeIsRedisWithoutAConnectionFactoryThenStartupFailsNamingTheProperty(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> run(GreetingConfiguration.class, "dbperf.cache.type=redis"));
		assertThat(output).contains("'dbperf.cache.type'").contains("no RedisConnectionFactory bean");
	}

	private static void run(Class<?> configuration, String... properties) {
		Startup.run(new Class<?>[] { FailingApplication.class, configuration }, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
			JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, CacheAutoConfiguration.class })
	static class FailingApplication {

	}

	static class Greeter {

		private int calls;

		int calls() {
			return this.calls;
		}

		@CachedQuery(name = "greetings", ttl = "60s")
		public String greet(String name) {
			this.calls++;
			return "hello " + name + " " + this.calls;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreetingConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	static class BadTtl {

		@CachedQuery(ttl = "soon")
		public String find(long id) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BadTtl.class)
	static class BadTtlConfiguration {

	}

	static class BadKey {

		@CachedQuery(key = "#id +")
		public String find(long id) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BadKey.class)
	static class BadKeyConfiguration {

	}

	static class OwnerFinder {

		@CachedQuery
		public List<Owner> owners() {
			return List.of();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(OwnerFinder.class)
	static class EntityResultConfiguration {

	}

	static class BoundedOwnerFinder {

		@CachedQuery
		public <T extends Owner> List<T> owners() {
			return List.of();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(BoundedOwnerFinder.class)
	static class BoundedEntityResultConfiguration {

	}

	static class WildcardOwnerFinder {

		@CachedQuery
		public Iterable<? super Owner> owners() {
			return List.of();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WildcardOwnerFinder.class)
	static class WildcardEntityResultConfiguration {

	}

	/**
	 * Equal only for the same tenant, which no getter shows.
	 */
	static class TenantFilter {

		private final String tenant;

		private final String name;

		TenantFilter(String tenant, String name) {
			this.tenant = tenant;
			this.name = name;
		}

		public String tenant() {
			return this.tenant;
		}

		public String getName() {
			return this.name;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TenantFilter filter && filter.tenant.equals(this.tenant)
					&& filter.name.equals(this.name);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.tenant, this.name);
		}

	}

	static class TenantFinder {

		@CachedQuery
		public String find(TenantFilter filter) {
			return filter.tenant();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(TenantFinder.class)
	static class TenantKeyConfiguration {

	}

	static class Empty {

	}

	static class EmptyFinder {

		@CachedQuery
		public String find(Empty empty) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(EmptyFinder.class)
	static class EmptyKeyConfiguration {

	}

	static class Node {

		public Node getSelf() {
			return this;
		}

	}

	static class NodeFinder {

		@CachedQuery
		public String find(Node node) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(NodeFinder.class)
	static class SelfReferenceKeyConfiguration {

	}

	static class Detached {

		public List<String> getItems() {
			throw new IllegalStateException("failed to lazily initialize a collection: no session");
		}

	}

	static class DetachedFinder {

		@CachedQuery
		public String find(Detached detached) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(DetachedFinder.class)
	static class ThrowingGetterKeyConfiguration {

	}

	record Wrapper(String name, TenantFilter filter) {

	}

	static class WrapperFinder {

		@CachedQuery
		public String find(Wrapper wrapper) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WrapperFinder.class)
	static class RecordOfBeanKeyConfiguration {

	}

	enum Color {

		RED

	}

	record ExactFilter(String name, List<Long> ids, Map<Color, Set<String>> tags, Optional<Instant> since) {

	}

	static class ExactFinder {

		private int calls;

		int calls() {
			return this.calls;
		}

		@CachedQuery
		public String find(ExactFilter filter, long[] more) {
			return "found " + (++this.calls);
		}

		@CachedQuery(key = "#filter.tenant() + ':' + #filter.name")
		public String byTenant(TenantFilter filter) {
			return filter.tenant() + " " + (++this.calls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ExactFinder.class)
	static class ExactKeyConfiguration {

	}

}
