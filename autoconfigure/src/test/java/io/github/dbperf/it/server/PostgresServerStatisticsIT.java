package io.github.dbperf.it.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.actuate.SlowQueriesEndpoint.SlowQueryDescriptor;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.server.ServerStatisticsAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.StartupFilter;
import io.github.dbperf.server.ServerView;
import io.github.dbperf.testing.TestPostgres;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The database's own statistics on a real PostgreSQL 17 with pg_stat_statements loaded:
 * JPA, JdbcTemplate and literal statements of many shapes are matched to their server
 * entries, and the endpoint shows the server block; without the extension the block says
 * how to turn it on.
 */
class PostgresServerStatisticsIT {

	private static final String DATABASE = TestPostgres.newDatabase("serverstats");

	private static final String WITHOUT_EXTENSION = TestPostgres.newDatabase("serverstats_off");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> TABLES = List.of("owner", "pet", "vet", "specialty");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop", "management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				PoolAutoConfiguration.class, ServerStatisticsAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class))
		.withUserConfiguration(BlogConfiguration.class);

	@BeforeAll
	static void createExtension() throws Exception {
		try (Connection connection = DriverManager.getConnection(DATABASE, TestPostgres.username(),
				TestPostgres.password()); Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
		}
	}

	@Test
	void whenPgStatStatementsIsLoadedThenAtLeastNinetyPercentOfTheTopFiftyFingerprintsAreMatched() {
		this.contextRunner.withPropertyValues(TestPostgres.properties(DATABASE)).run((context) -> {
			drive(context);
			List<QueryEntry> top = context.getBean(QueryStore.class)
				.entries(QuerySort.TOTAL, 50, StartupFilter.INCLUDE);
			assertThat(context.getBean(QueryStore.class).size()).isGreaterThanOrEqualTo(60);
			assertThat(top).hasSize(50);
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			List<String> unmatched = new ArrayList<>();
			ServerView sample = null;
			for (QueryEntry entry : top) {
				SlowQueryDescriptor descriptor = endpoint.slowQuery(entry.id());
				assertThat(descriptor).isNotNull();
				ServerView server = descriptor.server();
				assertThat(server).isNotNull();
				if (server.status().equals(ServerView.MATCHED)) {
					sample = (sample != null) ? sample : server;
				}
				else {
					unmatched.add(server.status() + ": " + entry.sql());
				}
			}
			assertThat(unmatched).as("unmatched of the top 50").hasSizeLessThanOrEqualTo(5);
			assertThat(sample).isNotNull();
			assertThat(sample.source()).isEqualTo("pg_stat_statements");
			assertThat(sample.statement().calls()).isPositive();
			assertThat(sample.statement().sharedBlocksHit()).isNotNull();
			assertThat(sample.outsideServerMs()).isNotNull();
			List<QueryEntry> all = context.getBean(QueryStore.class)
				.entries(QuerySort.TOTAL, 1000, StartupFilter.INCLUDE);
			List<String> allUnmatched = all.stream()
				.filter((entry) -> !endpoint.slowQuery(entry.id()).server().status().equals(ServerView.MATCHED))
				.map(QueryEntry::sql)
				.toList();
			Files.writeString(Path.of("target", "server-statistics-numbers.txt"),
					"top 50 unmatched: " + unmatched.size() + "\nall fingerprints: " + all.size() + ", unmatched: "
							+ allUnmatched.size() + "\n" + String.join("\n", allUnmatched) + "\nread: "
							+ sample.readMs() + " ms\n");
		});
	}

	@Test
	void whenAFingerprintIsShownOverHttpThenItKeepsItsFieldsAndGainsTheServerBlock() {
		this.contextRunner.withPropertyValues(TestPostgres.properties(DATABASE)).run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			for (int i = 0; i < 5; i++) {
				jdbc.queryForList("select id, name from owner where name ilike ? order by id", "%1%");
			}
			QueryEntry entry = context.getBean(QueryStore.class)
				.entries(QuerySort.TOTAL, 100, StartupFilter.INCLUDE)
				.stream()
				.filter((candidate) -> candidate.sql().contains("ilike"))
				.findFirst()
				.orElseThrow();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			MvcResult result = mvc.perform(get("/actuator/slowqueries/" + entry.id())).andReturn();
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			String body = result.getResponse().getContentAsString();
			Files.writeString(Path.of("target", "server-statistics-sample.json"), body);
			JsonNode detail = json.readTree(body);
			assertThat(detail.get("id").asString()).isEqualTo(entry.id());
			assertThat(detail.get("calls").asLong()).isEqualTo(5);
			JsonNode server = detail.get("server");
			assertThat(server.get("status").asString()).isEqualTo("matched");
			assertThat(server.get("calls").asLong()).isEqualTo(5);
			assertThat(server.has("meanMs")).isTrue();
			assertThat(server.has("sharedBlocksHit")).isTrue();
			assertThat(server.has("tempBlocksWritten")).isTrue();
			assertThat(server.has("outsideServerMs")).isTrue();
		});
	}

	@Test
	void whenTheExtensionIsNotCreatedThenTheBlockSaysHowToTurnItOn() {
		this.contextRunner.withPropertyValues(TestPostgres.properties(WITHOUT_EXTENSION)).run((context) -> {
			new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select id from owner where id = ?", 1);
			QueryEntry entry = context.getBean(QueryStore.class)
				.entries(QuerySort.TOTAL, 100, StartupFilter.INCLUDE)
				.stream()
				.filter((candidate) -> candidate.sql().startsWith("select id from owner"))
				.findFirst()
				.orElseThrow();
			ServerView server = context.getBean(SlowQueriesEndpoint.class).slowQuery(entry.id()).server();
			assertThat(server.status()).isEqualTo(ServerView.UNAVAILABLE);
			assertThat(server.reason()).contains("not created");
			assertThat(server.enable()).containsExactly("create extension pg_stat_statements;");
		});
	}

	private static void drive(AssertableWebApplicationContext context) {
		DataSource dataSource = context.getBean(DataSource.class);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		seed(jdbc);
		EntityManager entityManager = context.getBean(EntityManager.class);
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		for (int round = 1; round <= 6; round++) {
			int r = round;
			transaction.executeWithoutResult((status) -> jpa(entityManager, r));
			natives(jdbc, r);
			for (String table : TABLES) {
				generated(jdbc, table, r);
			}
		}
	}

	private static void seed(JdbcTemplate jdbc) {
		jdbc.queryForObject("select setval('owner_seq', 10000)", Long.class);
		for (int owner = 1; owner <= 40; owner++) {
			jdbc.update("insert into owner (id, name) values (?, ?)", owner, "owner-" + owner);
			jdbc.update("insert into pet (id, name, owner_id) values (?, ?, ?), (?, ?, ?)", owner * 10, "pet-" + owner,
					owner, owner * 10 + 1, "pet-" + owner + "b", owner);
			jdbc.update("insert into visit (id, owner_id) values (" + owner + ", " + owner + ")");
		}
		for (int specialty = 1; specialty <= 6; specialty++) {
			jdbc.update("insert into specialty (id, name) values (?, ?)", specialty, "specialty-" + specialty);
			jdbc.update("insert into vet (id, name) values (" + specialty + ", 'vet-" + specialty + "')");
			jdbc.update("insert into vet_specialties (vet_id, specialties_id) values (?, ?)", specialty, specialty);
		}
	}

	private static void jpa(EntityManager entityManager, int round) {
		List<Long> ids = IntStream.rangeClosed(1, round + 1).mapToObj(Long::valueOf).toList();
		entityManager.createQuery("select o from Owner o where o.id in :ids", Owner.class)
			.setParameter("ids", ids)
			.getResultList();
		entityManager.createQuery("select o from Owner o where o.name = :name", Owner.class)
			.setParameter("name", "owner-" + round)
			.getResultList();
		entityManager.createQuery("select o from Owner o where lower(o.name) like :p order by o.name", Owner.class)
			.setParameter("p", "owner-%")
			.setFirstResult(round)
			.setMaxResults(5)
			.getResultList();
		entityManager.createQuery("select count(p) from Pet p where p.name like :n", Long.class)
			.setParameter("n", "pet-%")
			.getSingleResult();
		entityManager
			.createQuery("select p.owner.name, count(p) from Pet p group by p.owner.name having count(p) > :min",
					Object[].class)
			.setParameter("min", 1L)
			.getResultList();
		entityManager.createQuery("select v.name from Vet v join v.specialties s where s.name in :names", String.class)
			.setParameter("names", List.of("specialty-1", "specialty-2").subList(0, 1 + round % 2))
			.getResultList();
		entityManager.createQuery("select o from Owner o where o.id between :a and :b order by o.id desc", Owner.class)
			.setParameter("a", 1L)
			.setParameter("b", 10L)
			.setMaxResults(3)
			.getResultList();
		entityManager
			.createQuery("select distinct o from Owner o left join fetch o.visits where o.id < :x", Owner.class)
			.setParameter("x", 5L)
			.getResultList();
		entityManager.createQuery("select o from Owner o where o.name is null or o.name = :n", Owner.class)
			.setParameter("n", "owner-2")
			.getResultList();
		entityManager.createQuery("update Pet p set p.name = :n where p.id = :id")
			.setParameter("n", "pet-renamed-" + round)
			.setParameter("id", 10L)
			.executeUpdate();
		entityManager.createQuery("delete from Visit v where v.id = :id")
			.setParameter("id", 1000L + round)
			.executeUpdate();
		entityManager.find(Owner.class, (long) round);
		entityManager.persist(new Owner());
		entityManager.flush();
		entityManager.clear();
	}

	private static void natives(JdbcTemplate jdbc, int round) {
		jdbc.queryForList("select id, name from owner where name ilike ? order by id", "%" + round + "%");
		jdbc.queryForObject("select count(*) from owner where name = 'owner-" + round + "'", Long.class);
		jdbc.queryForList("select * from pet where owner_id in ("
				+ String.join(", ", IntStream.rangeClosed(1, round).mapToObj(String::valueOf).toList()) + ")");
		jdbc.queryForList("select o.name, p.name from owner o join pet p on p.owner_id = o.id where o.id = ? "
				+ "order by p.name limit 10", round);
		jdbc.queryForList("select o.id from owner o where exists (select 1 from pet p where p.owner_id = o.id "
				+ "and p.name like 'pet-" + round + "%')");
		jdbc.queryForList("with recent as (select owner_id, count(*) c from visit group by owner_id) "
				+ "select o.name, r.c from owner o join recent r on r.owner_id = o.id order by r.c desc limit 5");
		jdbc.queryForList("SELECT  Name\n  FROM Owner WHERE Id = ?", round);
		jdbc.update("update owner set name = upper(name) where id = " + (round + 20));
		jdbc.queryForObject("select now() - interval '" + round + " day'", java.sql.Timestamp.class);
		jdbc.queryForList("select * from owner where name <> 'x' and id > " + round + " and id < 20.5");
		jdbc.queryForObject("select coalesce(max(id), 0) from pet", Long.class);
		jdbc.queryForList("select name, case when id > 10 then 'big' else 'small' end from owner where id < ?",
				round * 3);
		jdbc.queryForList("select * from owner order by id limit 10 offset " + round);
		jdbc.queryForList("select p.* from pet p where p.name ~ '^pet-" + round + "'");
		jdbc.queryForList("select id from owner where (id > 0) = true and id < ?", round);
		jdbc.queryForList("select id from owner where name = any(?)", (Object) new String[] { "owner-1", "owner-2" });
		jdbc.queryForList("select o.id, count(v.id) from owner o left join visit v on v.owner_id = o.id "
				+ "group by o.id having count(v.id) >= ? order by o.id", 1);
		jdbc.queryForList("select id from pet where owner_id = ? union all select id from visit where owner_id = ?",
				round, round);
		jdbc.update("insert into note (id, text, owner_id) values (" + (100 + round) + ", 'note " + round + "', "
				+ round + ")");
		jdbc.update("delete from note where id = ?", 100 + round);
	}

	private static void generated(JdbcTemplate jdbc, String table, int round) {
		jdbc.queryForList("select id, name from " + table + " where id = ?", round);
		jdbc.queryForList("select id, name from " + table + " where name = '" + table + "-" + round + "'");
		jdbc.queryForList("select id, name from " + table + " where id in (" + round + ", " + (round + 1) + ")");
		jdbc.queryForObject("select count(*) from " + table + " where name like ?", Long.class, table + "%");
		jdbc.queryForList("select id, name from " + table + " order by name limit 5 offset " + round);
		jdbc.queryForList("select id, name from " + table + " where lower(name) = lower(?)", table + "-1");
		jdbc.update("update " + table + " set name = name where id = ?", round);
		jdbc.queryForObject("select max(id) from " + table + " where name <> 'x'", Long.class);
		jdbc.queryForList("select id from " + table + " where name ilike '%" + round + "%'");
		jdbc.queryForList("select " + table + ".id from " + table + " where id between 1 and " + (round + 5));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class BlogConfiguration {

	}

}
