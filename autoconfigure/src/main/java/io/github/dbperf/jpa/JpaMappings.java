package io.github.dbperf.jpa;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.PluralAttribute;

/**
 * Reads association mappings from the JPA metamodel and the mapping annotations.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class JpaMappings {

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
