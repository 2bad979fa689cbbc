package io.github.dbperf.nplusone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.jpa.JpaMappings;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.TableNames;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Names the association whose loading produced a repeated select, from the table it reads
 * and the Hibernate mapping: a select by primary key on an entity's table is a to-one
 * load of that entity; any other select on it loads a collection of it, and a select on a
 * join or collection table loads the collection mapped to it.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class AssociationResolver {

	private static final int MAX_CACHED = 10_000;

	private final Map<String, List<Association>> collectionsByTable = new HashMap<>();

	private final Map<String, List<Association>> toOnesByTable = new HashMap<>();

	private final Map<String, String> idColumnsByTable = new HashMap<>();

	private final Map<String, String> tablesByEntity = new HashMap<>();

	// By fingerprint id, so the cache never holds SQL text; Caffeine rather than
	// ConcurrentLruCache because the loader needs the whole fingerprint, not only its id.
	// Maintenance runs on the caller (a unit of work's end) rather than a pool thread
	private final Cache<String, List<Association>> candidates = Caffeine.newBuilder()
		.maximumSize(MAX_CACHED)
		.executor(Runnable::run)
		.build();

	/**
	 * Read the mapping of every entity.
	 * @param entityManagerFactories the factories to read
	 */
	public AssociationResolver(List<EntityManagerFactory> entityManagerFactories) {
		for (EntityManagerFactory factory : entityManagerFactories) {
			read(factory);
		}
	}

	private void read(EntityManagerFactory factory) {
		SessionFactoryImplementor sessionFactory = factory.unwrap(SessionFactoryImplementor.class);
		Map<String, Association> collectionsByRole = new HashMap<>();
		for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
			String owner = entity.getName();
			String ownerTable = table(sessionFactory, entity.getJavaType());
			if (ownerTable != null) {
				this.tablesByEntity.put(owner, ownerTable);
			}
			for (Attribute<?, ?> attribute : entity.getAttributes()) {
				if (attribute instanceof PluralAttribute<?, ?, ?> plural) {
					Association association = association(owner, attribute, true,
							plural.getElementType().getJavaType().getSimpleName());
					collectionsByRole.put(entity.getJavaType().getName() + "." + attribute.getName(), association);
					String table = table(sessionFactory, plural.getElementType().getJavaType());
					if (table != null) {
						add(this.collectionsByTable, table, association);
					}
				}
				else if (attribute instanceof SingularAttribute<?, ?> singular && singular.isAssociation()) {
					String table = table(sessionFactory, singular.getJavaType());
					if (table != null) {
						add(this.toOnesByTable, table,
								association(owner, attribute, false, singular.getJavaType().getSimpleName()));
					}
				}
			}
		}
		readCollectionTables(sessionFactory, collectionsByRole);
	}

	/**
	 * Map join tables ({@code @ManyToMany}, {@code @OneToMany} without {@code mappedBy})
	 * and {@code @ElementCollection} tables to their collections: loading such a
	 * collection selects from that table first.
	 */
	private void readCollectionTables(SessionFactoryImplementor sessionFactory,
			Map<String, Association> collectionsByRole) {
		sessionFactory.getMappingMetamodel().forEachCollectionDescriptor((persister) -> {
			Association association = collectionsByRole.get(persister.getRole());
			if (association != null && !persister.isOneToMany()) {
				add(this.collectionsByTable, TableNames.unqualified(persister.getTableName()), association);
			}
		});
	}

	private @Nullable String table(SessionFactoryImplementor sessionFactory, Class<?> type) {
		try {
			EntityPersister persister = sessionFactory.getMappingMetamodel().findEntityDescriptor(type);
			if (persister instanceof AbstractEntityPersister entityPersister) {
				String table = TableNames.unqualified(entityPersister.getTableName());
				String[] idColumns = entityPersister.getIdentifierColumnNames();
				if (idColumns.length == 1) {
					this.idColumnsByTable.put(table, idColumns[0].toLowerCase(Locale.ROOT));
				}
				return table;
			}
		}
		catch (RuntimeException ex) {
			// Not an entity
		}
		return null;
	}

	private static Association association(String owner, Attribute<?, ?> attribute, boolean toMany, String target) {
		return new Association(owner + "." + attribute.getName(), JpaMappings.fetchType(attribute).name(), toMany,
				owner, attribute.getName(), target);
	}

	private static void add(Map<String, List<Association>> map, String table, Association association) {
		map.computeIfAbsent(table, (key) -> new ArrayList<>()).add(association);
	}

	/**
	 * Name the association a repeated select loads.
	 * @param fingerprint the select
	 * @param tablesRead the tables the unit of work selected from, which narrow the
	 * candidates to associations of entities the unit loaded
	 * @return the association, or {@code null} when the mapping does not say
	 */
	public @Nullable Association resolve(Fingerprint fingerprint, Set<String> tablesRead) {
		List<Association> candidates = this.candidates.get(fingerprint.id(), (id) -> candidates(fingerprint));
		if (candidates.isEmpty()) {
			return null;
		}
		boolean byId = !candidates.get(0).toMany();
		List<Association> loaded = candidates.stream().filter((candidate) -> isLoaded(candidate, tablesRead)).toList();
		if (!loaded.isEmpty()) {
			candidates = loaded;
		}
		if (!byId && candidates.size() > 1) {
			for (Association candidate : candidates) {
				String foreignKey = candidate.owner().toLowerCase(Locale.ROOT) + "_";
				if (fingerprint.sql().contains("." + foreignKey)) {
					return candidate;
				}
			}
		}
		return (candidates.size() == 1) ? candidates.get(0) : ambiguous(candidates);
	}

	private List<Association> candidates(Fingerprint fingerprint) {
		if (fingerprint.tables().isEmpty()) {
			return List.of();
		}
		// The first table is the one loaded; later ones are joined in by EAGER mappings
		String table = TableNames.unqualified(fingerprint.tables().iterator().next());
		String idColumn = this.idColumnsByTable.get(table);
		boolean byId = idColumn != null && fingerprint.sql().matches("(?s).* where \\w+\\." + idColumn + " = \\?.*");
		List<Association> candidates = (byId ? this.toOnesByTable : this.collectionsByTable).get(table);
		return (candidates != null) ? candidates : List.of();
	}

	private boolean isLoaded(Association candidate, Set<String> tablesRead) {
		String ownerTable = this.tablesByEntity.get(candidate.owner());
		if (ownerTable == null) {
			return false;
		}
		for (String read : tablesRead) {
			if (TableNames.unqualified(read).equals(ownerTable)) {
				return true;
			}
		}
		return false;
	}

	private static Association ambiguous(List<Association> candidates) {
		Association first = candidates.get(0);
		String names = String.join(" or ", candidates.stream().map(Association::name).toList());
		return new Association(names, first.fetchType(), first.toMany(), first.owner(), first.attribute(),
				first.target());
	}

}
