package io.github.dbperf.jpa;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.Basic;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Reads association mappings from the JPA metamodel and the mapping annotations.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class JpaMappings {

	/**
	 * Columns declared longer than this many characters are large.
	 */
	public static final int LARGE_COLUMN_LENGTH = 4000;

	private static final String ENHANCED_ENTITY = "org.hibernate.engine.spi.PersistentAttributeInterceptable";

	private JpaMappings() {
	}

	/**
	 * Return how an association is fetched: as its mapping annotation says, else the JPA
	 * default ({@code LAZY} for collections, {@code EAGER} for single-valued
	 * associations).
	 * @param attribute the association
	 * @return the fetch type
	 */
	public static FetchType fetchType(Attribute<?, ?> attribute) {
		FetchType fallback = attribute.isCollection() ? FetchType.LAZY : FetchType.EAGER;
		if (!(attribute.getJavaMember() instanceof AnnotatedElement element)) {
			return fallback;
		}
		OneToMany oneToMany = element.getAnnotation(OneToMany.class);
		if (oneToMany != null) {
			return oneToMany.fetch();
		}
		ManyToMany manyToMany = element.getAnnotation(ManyToMany.class);
		if (manyToMany != null) {
			return manyToMany.fetch();
		}
		ElementCollection elements = element.getAnnotation(ElementCollection.class);
		if (elements != null) {
			return elements.fetch();
		}
		ManyToOne manyToOne = element.getAnnotation(ManyToOne.class);
		if (manyToOne != null) {
			return manyToOne.fetch();
		}
		OneToOne oneToOne = element.getAnnotation(OneToOne.class);
		return (oneToOne != null) ? oneToOne.fetch() : fallback;
	}

	/**
	 * Return an attribute's mapping annotation, or {@code null} when the attribute's
	 * member has none (or is not annotated, such as a dynamic map attribute).
	 * @param <A> the annotation type
	 * @param attribute the attribute
	 * @param type the annotation type
	 * @return the annotation, or {@code null}
	 */
	public static <A extends Annotation> @Nullable A annotation(Attribute<?, ?> attribute, Class<A> type) {
		return (attribute.getJavaMember() instanceof AnnotatedElement element) ? element.getAnnotation(type) : null;
	}

	/**
	 * Return the attribute on the non-owning side names as its owner, for a
	 * {@code @OneToMany}, {@code @ManyToMany} or {@code @OneToOne}.
	 * @param attribute the association
	 * @return the {@code mappedBy} value, or {@code ""} on the owning side
	 */
	public static String mappedBy(Attribute<?, ?> attribute) {
		OneToMany oneToMany = annotation(attribute, OneToMany.class);
		if (oneToMany != null) {
			return oneToMany.mappedBy();
		}
		ManyToMany manyToMany = annotation(attribute, ManyToMany.class);
		if (manyToMany != null) {
			return manyToMany.mappedBy();
		}
		OneToOne oneToOne = annotation(attribute, OneToOne.class);
		return (oneToOne != null) ? oneToOne.mappedBy() : "";
	}

	/**
	 * Return whether an association cascades removal ({@code REMOVE} or {@code ALL}).
	 * @param attribute the association
	 * @return {@code true} when removing the owner removes the associated entities
	 */
	public static boolean cascadesRemove(Attribute<?, ?> attribute) {
		ManyToMany manyToMany = annotation(attribute, ManyToMany.class);
		CascadeType[] cascade = (manyToMany != null) ? manyToMany.cascade() : new CascadeType[0];
		for (CascadeType type : cascade) {
			if (type == CascadeType.REMOVE || type == CascadeType.ALL) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether a collection is a bag or an unordered list: a {@code List} or
	 * {@code Collection} without {@code @OrderColumn}, which Hibernate rewrites whole.
	 * @param attribute the collection
	 * @return {@code true} for a bag
	 */
	public static boolean isBag(PluralAttribute<?, ?, ?> attribute) {
		PluralAttribute.CollectionType type = attribute.getCollectionType();
		return (type == PluralAttribute.CollectionType.LIST || type == PluralAttribute.CollectionType.COLLECTION)
				&& annotation(attribute, OrderColumn.class) == null;
	}

	/**
	 * Return whether an entity's id is generated by an identity column, which Hibernate
	 * must insert row by row to read it back.
	 * @param entity the entity
	 * @return {@code true} for {@code GenerationType.IDENTITY}
	 */
	public static boolean hasIdentityId(EntityType<?> entity) {
		if (!entity.hasSingleIdAttribute()) {
			return false;
		}
		SingularAttribute<?, ?> id = entity.getId(entity.getIdType().getJavaType());
		GeneratedValue generated = annotation(id, GeneratedValue.class);
		return generated != null && generated.strategy() == GenerationType.IDENTITY;
	}

	/**
	 * Return whether a basic attribute is large: a {@code @Lob}, or a column declared
	 * longer than {@value #LARGE_COLUMN_LENGTH} characters or as a text or binary large
	 * object type; and not lazily loaded (a lazy basic attribute is loaded lazily only
	 * when Hibernate enhanced the entity's bytecode).
	 * @param attribute the attribute
	 * @return {@code true} for a large column loaded with its entity
	 */
	public static boolean isLargeEagerColumn(Attribute<?, ?> attribute) {
		if (attribute.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC) {
			return false;
		}
		Basic basic = annotation(attribute, Basic.class);
		if (basic != null && basic.fetch() == FetchType.LAZY
				&& isEnhanced(attribute.getDeclaringType().getJavaType())) {
			return false;
		}
		if (annotation(attribute, Lob.class) != null) {
			return true;
		}
		Column column = annotation(attribute, Column.class);
		if (column == null) {
			return false;
		}
		String definition = column.columnDefinition().toLowerCase(Locale.ROOT);
		return column.length() > LARGE_COLUMN_LENGTH || definition.startsWith("text") || definition.contains("clob")
				|| definition.contains("blob") || definition.startsWith("bytea");
	}

	// Hibernate's enhancer makes entities implement this; without it, LAZY basics load
	// eagerly
	private static boolean isEnhanced(Class<?> type) {
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (candidate.getName().equals(ENHANCED_ENTITY)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether an enum attribute is stored by its ordinal: no
	 * {@code @Enumerated(EnumType.STRING)} and no converter.
	 * @param attribute the attribute
	 * @return {@code true} for an enum stored as a number
	 */
	public static boolean isOrdinalEnum(Attribute<?, ?> attribute) {
		if (attribute.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC
				|| !attribute.getJavaType().isEnum() || annotation(attribute, Convert.class) != null) {
			return false;
		}
		Enumerated enumerated = annotation(attribute, Enumerated.class);
		return enumerated == null || enumerated.value() == EnumType.ORDINAL;
	}

	/**
	 * Return whether a {@code @OneToMany} has neither {@code mappedBy} nor
	 * {@code @JoinColumn}, so it is kept in a join table.
	 * @param attribute the association
	 * @return {@code true} for a join-table one-to-many
	 */
	public static boolean isJoinTableOneToMany(Attribute<?, ?> attribute) {
		OneToMany oneToMany = annotation(attribute, OneToMany.class);
		return oneToMany != null && oneToMany.mappedBy().isEmpty() && annotation(attribute, JoinColumn.class) == null
				&& annotation(attribute, JoinColumns.class) == null;
	}

	/**
	 * Return the to-many associations mapped {@code FetchType.EAGER}.
	 * @param entityManagerFactory the factory whose metamodel to read
	 * @return the associations as {@code Entity.field}, sorted
	 */
	public static List<String> eagerToMany(EntityManagerFactory entityManagerFactory) {
		List<String> eager = new ArrayList<>();
		for (EntityType<?> entity : entityManagerFactory.getMetamodel().getEntities()) {
			for (PluralAttribute<?, ?, ?> attribute : entity.getPluralAttributes()) {
				if (fetchType(attribute) == FetchType.EAGER) {
					eager.add(entity.getName() + "." + attribute.getName());
				}
			}
		}
		eager.sort(Comparator.naturalOrder());
		return eager;
	}

}
