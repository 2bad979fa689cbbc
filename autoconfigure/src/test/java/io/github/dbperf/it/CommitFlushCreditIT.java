package io.github.dbperf.it;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerService;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.testing.TestPostgres;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes JPA flushes at commit, after the repository method returned, on a real
 * PostgreSQL: they are credited to the transaction's unit of work.
 */
class CommitFlushCreditIT {

	private static final String DATABASE = TestPostgres.newDatabase("commitflush");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				NPlusOneAutoConfiguration.class))
		.withUserConfiguration(OwnerConfiguration.class);

	@Test
	void whenSaveIsFlushedAtCommitThenTheInsertIsCreditedToTheTransaction() {
		this.contextRunner.run((context) -> {
			context.getBean(OwnerService.class).register("first");
			context.getBean(OwnerService.class).register("second");
			QueryEntry insert = insertIntoOwner(context.getBean(QueryStore.class));
			assertThat(insert.calls()).isEqualTo(2);
			assertThat(insert.repositoryMethods()).containsExactly("tx OwnerService.register");
			assertThat(insert.slowestSample().repositoryMethod()).isNull();
			assertThat(insert.slowestSample().unitOfWork()).isEqualTo("tx OwnerService.register");
			FunctionTimer inserts = context.getBean(MeterRegistry.class)
				.find("dbperf.statements")
				.tags("operation", "insert", "repository", "tx OwnerService.register")
				.functionTimer();
			assertThat(inserts).isNotNull();
			assertThat(inserts.count()).isEqualTo(2);
			assertThat(context.getBean(MeterRegistry.class)
				.find("dbperf.statements")
				.tags("operation", "insert", "repository", "none")
				.functionTimer()).isNull();
		});
	}

	private static QueryEntry insertIntoOwner(QueryStore store) {
		return store.entries(QuerySort.CALLS, 1000)
			.stream()
			.filter((entry) -> entry.sql().startsWith("insert into owner"))
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	@Import(OwnerService.class)
	static class OwnerConfiguration {

	}

}
