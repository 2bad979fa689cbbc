package io.github.dbperf.jpa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Where;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;

/**
 * The {@link io.github.dbperf.rules.RuleCategory#MAPPING mapping} rules: checks every
 * entity's attributes in the JPA metamodel once. An attribute inherited from another
 * entity is reported on the entity that declares it; one inherited from a mapped
 * superclass on every entity, since each has its own table and statements. A large column
 * is not reported on an entity that shares its id with another ({@code @MapsId}): that is
 * the fix, the large column's own lazily loaded home.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class MappingRules {

	private MappingRules() {
	}

	/**
	 * Check a persistence unit's mappings.
	 * @param metamodel the persistence unit's metamodel
	 * @param hibernateProperties the effective Hibernate properties
	 * @return the findings, by entity and attribute
	 */
	public static List<Finding> check(Metamodel metamodel, Map<String, Object> hibernateProperties) {
		boolean batching = HibernateSettings.batchSize(hibernateProperties) > 1;
		List<EntityType<?>> entities = new ArrayList<>(metamodel.getEntities());
		entities.sort(Comparator.comparing(EntityType::getName));
		List<Finding> findings = new ArrayList<>();
		for (EntityType<?> entity : entities) {
			if (batching && JpaMappings.hasIdentityId(entity) && declaresId(entity)) {
				findings.add(Rules.JPA_IDENTITY_DISABLES_BATCHING.finding(
						"Entity " + entity.getName() + " has an IDENTITY id while hibernate.jdbc.batch_size is "
								+ HibernateSettings.batchSize(hibernateProperties)
								+ ": Hibernate sends its inserts one by one to read each generated id back.",
						"Use @GeneratedValue(strategy = GenerationType.SEQUENCE) with a @SequenceGenerator whose"
								+ " allocationSize is 50 (and a sequence incrementing by 50).",
						Where.attribute(entity.getName(), idName(entity))));
			}
			List<Attribute<?, ?>> attributes = new ArrayList<>(entity.getAttributes());
			attributes.sort(Comparator.comparing(Attribute::getName));
			for (Attribute<?, ?> attribute : attributes) {
				if (!(attribute.getDeclaringType() instanceof EntityType<?> declaring) || declaring.equals(entity)) {
					check(entity.getName(), attribute, findings);
				}
			}
		}
		return findings;
	}

	private static void check(String entity, Attribute<?, ?> attribute, List<Finding> findings) {
		String name = entity + "." + attribute.getName();
		Where where = Where.attribute(entity, attribute.getName());
		if (attribute instanceof PluralAttribute<?, ?, ?> plural) {
			checkCollection(name, plural, where, findings);
			return;
		}
		boolean toOne = JpaMappings.annotation(attribute, ManyToOne.class) != null
				|| JpaMappings.annotation(attribute, OneToOne.class) != null;
		String mappedBy = JpaMappings.mappedBy(attribute);
		if (toOne && !mappedBy.isEmpty()) {
			findings.add(Rules.JPA_ONE_TO_ONE_PARENT_SIDE.finding(
					"The @OneToOne " + name + " is the parent side (mappedBy = \"" + mappedBy
							+ "\"): Hibernate cannot proxy it, so every load of " + entity
							+ " runs a query for it, whatever its fetch type.",
					"Remove " + name + " and map the child's @OneToOne with @MapsId, so the child shares the parent's"
							+ " id and is loaded by id when needed.",
					where));
		}
		else if (toOne && JpaMappings.fetchType(attribute) == FetchType.EAGER) {
			String kind = (JpaMappings.annotation(attribute, ManyToOne.class) != null) ? "@ManyToOne" : "@OneToOne";
			findings.add(Rules.JPA_EAGER_TO_ONE.finding(
					"The " + kind + " " + name
							+ " is EAGER (JPA's default for single-valued associations): every query for " + entity
							+ " loads it too, with a join or one more select per row.",
					"Set " + kind + "(fetch = FetchType.LAZY) on " + name
							+ " and fetch it where needed with JOIN FETCH or an @EntityGraph.",
					where));
		}
		if (JpaMappings.isLargeEagerColumn(attribute) && !sharesItsId(attribute.getDeclaringType())) {
			findings.add(Rules.JPA_LARGE_COLUMN_EAGER.finding(
					"The large column " + name + " (@Lob, a text or binary type, or longer than "
							+ JpaMappings.LARGE_COLUMN_LENGTH + " characters) is read by every query that loads "
							+ entity + ", including lists that never show it.",
					"Select a DTO projection without " + attribute.getName() + " for lists, or move it to a child"
							+ " entity that shares the id (@OneToOne @MapsId) and load it when shown.",
					where));
		}
		if (JpaMappings.isOrdinalEnum(attribute)) {
			findings.add(Rules.JPA_ENUM_ORDINAL.finding("The enum " + name + " ("
					+ attribute.getJavaType().getSimpleName()
					+ ") is stored by ordinal: inserting or reordering a constant silently changes what stored rows mean.",
					"Annotate " + name + " with @Enumerated(EnumType.STRING) and migrate the column's values.", where));
		}
	}

	private static void checkCollection(String name, PluralAttribute<?, ?, ?> attribute, Where where,
			List<Finding> findings) {
		if (JpaMappings.fetchType(attribute) == FetchType.EAGER) {
			findings.add(Rules.JPA_EAGER_TO_MANY.finding("To-many association " + name
					+ " is mapped FetchType.EAGER: every load of its owner loads the whole collection, often with one query per owner.",
					"Map " + name + " LAZY and fetch it where needed with JOIN FETCH or @EntityGraph.", where));
		}
		boolean manyToMany = JpaMappings.annotation(attribute, ManyToMany.class) != null;
		boolean owning = JpaMappings.mappedBy(attribute).isEmpty();
		if (manyToMany && owning && JpaMappings.isBag(attribute)) {
			findings.add(Rules.JPA_MANY_TO_MANY_LIST.finding("The @ManyToMany " + name
					+ " is a List (a bag): removing one element deletes every link row of the owner and inserts the rest again.",
					"Declare " + name + " as a Set (with equals and hashCode on the id or a natural key).", where));
		}
		if (manyToMany && JpaMappings.cascadesRemove(attribute)) {
			findings.add(Rules.JPA_CASCADE_REMOVE_MANY_TO_MANY.finding(
					"The @ManyToMany " + name
							+ " cascades REMOVE: deleting one owner deletes entities that other owners still link to"
							+ " (a constraint violation or lost data), one statement per entity.",
					"Remove CascadeType.REMOVE and CascadeType.ALL from " + name
							+ "; removing the owner removes only its link rows.",
					where));
		}
		if (JpaMappings.isJoinTableOneToMany(attribute)) {
			findings.add(Rules.JPA_UNIDIRECTIONAL_ONE_TO_MANY.finding("The @OneToMany " + name
					+ " has neither mappedBy nor @JoinColumn: Hibernate keeps it in a join table, so each child costs"
					+ " an extra insert and the join table an extra join on every load.",
					"Map the child's @ManyToOne and use @OneToMany(mappedBy = ...) on " + name
							+ ", or at least add @JoinColumn.",
					where));
		}
		if (attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.ELEMENT_COLLECTION
				&& JpaMappings.isBag(attribute)) {
			findings.add(Rules.JPA_ELEMENT_COLLECTION_LIST.finding("The @ElementCollection " + name
					+ " is a List without @OrderColumn: any change deletes all of the owner's rows and inserts them again.",
					"Declare " + name + " as a Set, add an @OrderColumn, or map the elements as entities.", where));
		}
	}

	// An entity that shares its id with another (@MapsId) is the split-off home of a
	// large column
	private static boolean sharesItsId(ManagedType<?> type) {
		for (Attribute<?, ?> attribute : type.getAttributes()) {
			if (JpaMappings.annotation(attribute, MapsId.class) != null) {
				return true;
			}
		}
		return false;
	}

	private static boolean declaresId(EntityType<?> entity) {
		// The id is reported on the root entity of a hierarchy only
		return !(entity.getSupertype() instanceof EntityType<?>);
	}

	private static String idName(EntityType<?> entity) {
		return entity.getId(entity.getIdType().getJavaType()).getName();
	}

}
