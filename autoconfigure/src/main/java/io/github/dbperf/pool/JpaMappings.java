package io.github.dbperf.pool;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.PluralAttribute;

/**
 * Reads association mappings from the JPA metamodel.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class JpaMappings {

	private JpaMappings() {
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
				if (isEager(attribute.getJavaMember())) {
					eager.add(entity.getName() + "." + attribute.getName());
				}
			}
		}
		eager.sort(Comparator.naturalOrder());
		return eager;
	}

	private static boolean isEager(Member member) {
		if (!(member instanceof AnnotatedElement element)) {
			return false;
		}
		OneToMany oneToMany = element.getAnnotation(OneToMany.class);
		ManyToMany manyToMany = element.getAnnotation(ManyToMany.class);
		ElementCollection elements = element.getAnnotation(ElementCollection.class);
		return (oneToMany != null && oneToMany.fetch() == FetchType.EAGER)
				|| (manyToMany != null && manyToMany.fetch() == FetchType.EAGER)
				|| (elements != null && elements.fetch() == FetchType.EAGER);
	}

}
