package io.github.dbperf.jpa;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.dbperf.jpa.mapping.bad.Book;
import io.github.dbperf.jpa.mapping.bad.Counter;
import io.github.dbperf.jpa.mapping.bad.Course;
import io.github.dbperf.jpa.mapping.bad.Document;
import io.github.dbperf.jpa.mapping.bad.Genre;
import io.github.dbperf.jpa.mapping.bad.Invoice;
import io.github.dbperf.jpa.mapping.bad.InvoiceLine;
import io.github.dbperf.jpa.mapping.bad.Library;
import io.github.dbperf.jpa.mapping.bad.Passport;
import io.github.dbperf.jpa.mapping.bad.Person;
import io.github.dbperf.jpa.mapping.bad.Recipe;
import io.github.dbperf.jpa.mapping.bad.Student;
import io.github.dbperf.jpa.mapping.bad.Ticket;
import io.github.dbperf.jpa.mapping.bad.Writer;
import io.github.dbperf.jpa.mapping.fixed.DocumentBody;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MappingRules}: every mapping rule fires on its entity in the
 * {@code mapping.bad} package, and none fires on the fixed entities of
 * {@code mapping.fixed}.
 */
class MappingRulesTests {

	private static final Map<String, Object> BATCHING = Map.of("hibernate.jdbc.batch_size", "50");

	private static EntityManagerFactory bad;

	private static EntityManagerFactory fixed;

	@BeforeAll
	static void buildPersistenceUnits() {
		bad = persistenceUnit("bad", Library.class, Book.class, Counter.class, Student.class, Course.class,
				Writer.class, Genre.class, Invoice.class, InvoiceLine.class, Person.class, Passport.class,
				Document.class, Ticket.class, Recipe.class);
		fixed = persistenceUnit("fixed", io.github.dbperf.jpa.mapping.fixed.Library.class,
				io.github.dbperf.jpa.mapping.fixed.Book.class, io.github.dbperf.jpa.mapping.fixed.Counter.class,
				io.github.dbperf.jpa.mapping.fixed.Student.class, io.github.dbperf.jpa.mapping.fixed.Course.class,
				io.github.dbperf.jpa.mapping.fixed.Writer.class, io.github.dbperf.jpa.mapping.fixed.Genre.class,
				io.github.dbperf.jpa.mapping.fixed.Invoice.class, io.github.dbperf.jpa.mapping.fixed.InvoiceLine.class,
				io.github.dbperf.jpa.mapping.fixed.Person.class, io.github.dbperf.jpa.mapping.fixed.Passport.class,
				io.github.dbperf.jpa.mapping.fixed.Document.class, DocumentBody.class,
				io.github.dbperf.jpa.mapping.fixed.Ticket.class, io.github.dbperf.jpa.mapping.fixed.Recipe.class);
	}

	@AfterAll
	static void close() {
		bad.close();
		fixed.close();
	}

	@Test
	void whenFixedThenNoMappingRuleFires() {
		assertThat(MappingRules.check(fixed.getMetamodel(), BATCHING)).isEmpty();
	}

	@Test
	void whenAToManyIsEagerThenJpaEagerToMany() {
		assertThat(places(Rules.JPA_EAGER_TO_MANY)).containsExactly("Library.books");
	}

	@Test
	void whenAToOneKeepsJpasEagerDefaultThenJpaEagerToOne() {
		// Passport.person is LAZY; Person.passport is reported as the parent side instead
		assertThat(places(Rules.JPA_EAGER_TO_ONE)).containsExactly("Book.library");
		assertThat(finding(Rules.JPA_EAGER_TO_ONE).fix()).contains("@ManyToOne(fetch = FetchType.LAZY)");
	}

	@Test
	void whenIdentityIdsAndBatchingThenJpaIdentityDisablesBatching() {
		assertThat(places(Rules.JPA_IDENTITY_DISABLES_BATCHING)).containsExactly("Counter.id");
		assertThat(finding(Rules.JPA_IDENTITY_DISABLES_BATCHING).message()).contains("batch_size is 50");
	}

	@Test
	void whenIdentityIdsWithoutBatchingThenNothingIsLostAndNoFinding() {
		assertThat(MappingRules.check(bad.getMetamodel(), Map.of()))
			.noneMatch((finding) -> finding.rule().equals(Rules.JPA_IDENTITY_DISABLES_BATCHING.id()));
	}

	@Test
	void whenAManyToManyIsAListThenJpaManyToManyList() {
		assertThat(places(Rules.JPA_MANY_TO_MANY_LIST)).containsExactly("Student.courses");
	}

	@Test
	void whenAManyToManyCascadesRemoveThenJpaCascadeRemoveManyToMany() {
		assertThat(places(Rules.JPA_CASCADE_REMOVE_MANY_TO_MANY)).containsExactly("Writer.genres");
		assertThat(finding(Rules.JPA_CASCADE_REMOVE_MANY_TO_MANY).severity()).isEqualTo(Severity.ERROR);
	}

	@Test
	void whenAOneToManyHasNeitherMappedByNorJoinColumnThenJpaUnidirectionalOneToMany() {
		assertThat(places(Rules.JPA_UNIDIRECTIONAL_ONE_TO_MANY)).containsExactly("Invoice.lines");
	}

	@Test
	void whenAOneToOneIsMappedByTheChildThenJpaOneToOneParentSide() {
		assertThat(places(Rules.JPA_ONE_TO_ONE_PARENT_SIDE)).containsExactly("Person.passport");
		assertThat(finding(Rules.JPA_ONE_TO_ONE_PARENT_SIDE).fix()).contains("@MapsId");
	}

	@Test
	void whenALargeColumnIsLoadedWithItsEntityThenJpaLargeColumnEager() {
		assertThat(places(Rules.JPA_LARGE_COLUMN_EAGER)).containsExactly("Document.body", "Document.notes",
				"Document.summary");
	}

	@Test
	void whenAnEnumIsStoredByOrdinalThenJpaEnumOrdinal() {
		assertThat(places(Rules.JPA_ENUM_ORDINAL)).containsExactly("Ticket.previous", "Ticket.status");
	}

	@Test
	void whenAnElementCollectionIsAnUnorderedListThenJpaElementCollectionList() {
		assertThat(places(Rules.JPA_ELEMENT_COLLECTION_LIST)).containsExactly("Recipe.steps");
	}

	@Test
	void everyMappingRuleIsCovered() {
		assertThat(MappingRules.check(bad.getMetamodel(), BATCHING)).extracting(Finding::rule)
			.containsAll(Rules.all()
				.stream()
				.filter((rule) -> rule.category() == io.github.dbperf.rules.RuleCategory.MAPPING)
				.map(Rule::id)
				.toList());
	}

	private static List<String> places(Rule rule) {
		return MappingRules.check(bad.getMetamodel(), BATCHING)
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()))
			.map((finding) -> finding.where().entity() + "." + finding.where().field())
			.toList();
	}

	private static Finding finding(Rule rule) {
		return MappingRules.check(bad.getMetamodel(), BATCHING)
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()))
			.findFirst()
			.orElseThrow();
	}

	private static EntityManagerFactory persistenceUnit(String name, Class<?>... entities) {
		PersistenceConfiguration configuration = new PersistenceConfiguration(name)
			.property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:" + name + UUID.randomUUID())
			.property("hibernate.hbm2ddl.auto", "none");
		for (Class<?> entity : entities) {
			configuration.managedClass(entity);
		}
		return configuration.createEntityManagerFactory();
	}

}
