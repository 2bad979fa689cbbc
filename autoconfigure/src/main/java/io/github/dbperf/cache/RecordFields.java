package io.github.dbperf.cache;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

import org.springframework.util.ReflectionUtils;

/**
 * The fields behind a record's components, in component order, made accessible and looked
 * up once per record class: what cache keys encode and result copies copy.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class RecordFields {

	private static final ClassValue<Field[]> fields = new ClassValue<>() {

		@Override
		protected Field[] computeValue(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			Field[] found = new Field[components.length];
			for (int i = 0; i < components.length; i++) {
				Field field = ReflectionUtils.findField(type, components[i].getName());
				if (field == null) {
					throw new IllegalStateException("The record " + type.getName() + " hides its fields");
				}
				ReflectionUtils.makeAccessible(field);
				found[i] = field;
			}
			return found;
		}

	};

	private RecordFields() {
	}

	/**
	 * Return the fields of a record class, one for each component, in order.
	 * @param type the record class
	 * @return the fields, shared: never change the array
	 * @throws IllegalStateException if a field cannot be found or made accessible
	 */
	static Field[] of(Class<?> type) {
		return fields.get(type);
	}

}
