package io.github.dbperf.it;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerService;
import io.github.dbperf.nplusone.IncidentKind;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneException;
import io.github.dbperf.nplusone.QueryScope;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * N+1 detection on a real PostgreSQL with a JPA model of LAZY and EAGER to-many and
 * many-to-one associations.
 */
class NPlusOneIT {

	private static final String DATABASE = TestPostgres.newDatabase("nplusone");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop",
				"spring.jpa.properties.hibernate.default_batch_fetch_size=1",
				// Every owner query loads the EAGER pets one by one; only one test looks
				// at it
				"dbperf.nplusone.ignore=Owner.pets")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				NPlusOneAutoConfiguration.class))
		.withUserConfiguration(BlogConfiguration.class);

	@Test
	void whenLazyCollectionIsTouchedPerOwnerThenTheAssociationIsNamed() {
		this.contextRunner.run((context) -> {
			seed(context);
			context.getBean(OwnerService.class).visitsNaive();
			assertThat(incidents(context)).singleElement().satisfies((incident) -> {
				assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
				assertThat(incident.unitOfWork()).isEqualTo("tx OwnerService.visitsNaive");
				assertThat(incident.association()).isEqualTo("Owner.visits");
				assertThat(incident.fetchType()).isEqualTo("LAZY");
				assertThat(incident.callSite()).startsWith("OwnerService.visitsNaive(");
				assertThat(incident.maxRepeats()).isEqualTo(5);
				assertThat(incident.suggestion()).contains("@EntityGraph(attributePaths = \"visits\")")
					.contains("@BatchSize");
			});
		});
	}

	@Test
	void whenEagerCollectionLoadsPerOwnerThenItIsNamedEager() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.ignore=").run((context) -> {
			seed(context);
			context.getBean(OwnerService.class).petsEager();
			assertThat(incidents(context)).singleElement().satisfies((incident) -> {
				assertThat(incident.association()).isEqualTo("Owner.pets");
				assertThat(incident.fetchType()).isEqualTo("EAGER");
				assertThat(incident.suggestion()).startsWith("Map Owner.pets LAZY");
			});
		});
	}

	@Test
	void whenManyToOneIsTouchedPerRowThenItIsNamed() {
		this.contextRunner.run((context) -> {
			seed(context);
			context.getBean(OwnerService.class).petOwnersNaive();
			assertThat(incidents(context)).singleElement().satisfies((incident) -> {
				assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
				assertThat(incident.association()).isEqualTo("Pet.owner");
				assertThat(incident.fetchType()).isEqualTo("LAZY");
				assertThat(incident.callSite()).startsWith("OwnerService.lambda$petOwnersNaive");
				assertThat(incident.maxRepeats()).isEqualTo(5);
			});
		});
	}

	@Test
	void whenManyToManyIsTouchedPerRowThenTheJoinTableIsNamedAsTheAssociation() {
		this.contextRunner.run((context) -> {
			seed(context);
			assertThat(context.getBean(OwnerService.class).specialtiesNaive()).isEqualTo(10);
			assertThat(incidents(context)).singleElement().satisfies((incident) -> {
				assertThat(incident.sql()).contains("vet_specialties");
				assertThat(incident.association()).isEqualTo("Vet.specialties");
				assertThat(incident.fetchType()).isEqualTo("LAZY");
				assertThat(incident.maxRepeats()).isEqualTo(5);
				assertThat(incident.suggestion()).contains("@EntityGraph(attributePaths = \"specialties\")");
			});
		});
	}

	@Test
	void whenFixedWithJoinFetchEntityGraphBatchSizeOrPagingThenNothingIsReported() {
		this.contextRunner.run((context) -> {
			seed(context);
			OwnerService service = context.getBean(OwnerService.class);
			assertThat(service.visitsJoinFetch()).isEqualTo(10);
			assertThat(service.visitsEntityGraph()).isEqualTo(10);
			assertThat(service.notesBatched()).isEqualTo(10);
			assertThat(service.pagesOfOwners()).isEqualTo(5);
			assertThat(incidents(context)).isEmpty();
		});
	}

	@Test
	void whenDefaultBatchFetchSizeIsSetThenTheNaiveLoopIsNotReported() {
		this.contextRunner.withPropertyValues("spring.jpa.properties.hibernate.default_batch_fetch_size=16")
			.run((context) -> {
				seed(context);
				assertThat(context.getBean(OwnerService.class).visitsNaive()).isEqualTo(10);
				assertThat(context.getBean(OwnerService.class).specialtiesNaive()).isEqualTo(10);
				assertThat(incidents(context)).isEmpty();
			});
	}

	@Test
	void whenTheSameQueryRepeatsWithEqualParametersThenItIsADuplicateNotAnNPlusOne() {
		this.contextRunner.run((context) -> {
			seed(context);
			context.getBean(OwnerService.class).sameOwnerAgain(1);
			assertThat(incidents(context)).singleElement()
				.satisfies((incident) -> assertThat(incident.kind()).isEqualTo(IncidentKind.DUPLICATE));
		});
	}

	@Test
	void whenModeIsExceptionThenTheUnitOfWorkFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=exception").run((context) -> {
			seed(context);
			OwnerService service = context.getBean(OwnerService.class);
			assertThatExceptionOfType(NPlusOneException.class).isThrownBy(service::visitsNaive)
				.withMessageContaining("Owner.visits");
			assertThatExceptionOfType(NPlusOneException.class).isThrownBy(() -> {
				try (QueryScope scope = QueryScope.open("nightly job")) {
					service.visitsNaive();
				}
			}).withMessageContaining("N+1 queries in nightly job");
			assertThat(service.visitsJoinFetch()).isEqualTo(10);
		});
	}

	@Test
	void whenUnitsRunOnAThreadPoolThenNoStatementLeaksBetweenThem() {
		this.contextRunner.run((context) -> {
			seed(context);
			OwnerService service = context.getBean(OwnerService.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				for (int round = 0; round < 10; round++) {
					pool.submit(() -> {
						try (QueryScope scope = QueryScope.open("job-a")) {
							for (int i = 0; i < 2; i++) {
								jdbc.queryForList("select * from owner where name = ?", "x" + i);
							}
						}
					}).get(30, TimeUnit.SECONDS);
					pool.submit(() -> {
						for (int i = 0; i < 2; i++) {
							jdbc.queryForList("select * from owner where name = ?", "y" + i);
						}
						assertThat(UnitOfWorkContext.current()).isNull();
					}).get(30, TimeUnit.SECONDS);
				}
				pool.submit(service::visitsNaive).get(30, TimeUnit.SECONDS);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(incidents(context)).singleElement()
				.satisfies((incident) -> assertThat(incident.association()).isEqualTo("Owner.visits"));
		});
	}

	private static List<IncidentStore.Aggregate> incidents(AssertableApplicationContext context) {
		return context.getBean(NPlusOneDetector.class).store().incidents();
	}

	private static void seed(AssertableApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		for (int owner = 1; owner <= 5; owner++) {
			jdbc.update("insert into owner (id, name) values (?, ?)", owner, "owner-" + owner);
			for (int child = 0; child < 2; child++) {
				int id = owner * 10 + child;
				jdbc.update("insert into pet (id, name, owner_id) values (?, ?, ?)", id, "pet-" + id, owner);
				jdbc.update("insert into visit (id, owner_id) values (?, ?)", id, owner);
				jdbc.update("insert into note (id, text, owner_id) values (?, ?, ?)", id, "note-" + id, owner);
			}
		}
		for (int specialty = 1; specialty <= 3; specialty++) {
			jdbc.update("insert into specialty (id, name) values (?, ?)", specialty, "specialty-" + specialty);
		}
		for (int vet = 1; vet <= 5; vet++) {
			jdbc.update("insert into vet (id, name) values (?, ?)", vet, "vet-" + vet);
			for (int specialty = 1; specialty <= 2; specialty++) {
				jdbc.update("insert into vet_specialties (vet_id, specialties_id) values (?, ?)", vet,
						(vet + specialty) % 3 + 1);
			}
		}
		context.getBean(NPlusOneDetector.class).store().reset();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	@Import(OwnerService.class)
	static class BlogConfiguration {

	}

}
