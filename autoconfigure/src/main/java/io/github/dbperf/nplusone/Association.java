package io.github.dbperf.nplusone;

/**
 * A mapped association whose loading can repeat per owner.
 *
 * @param name the association as {@code Entity.field}
 * @param fetchType {@code LAZY} or {@code EAGER}
 * @param toMany whether it is a collection
 * @param owner the owning entity's simple name
 * @param attribute the field name
 * @param target the simple name of the entity it points to
 * @author dbperf
 * @since 0.1.0
 */
public record Association(String name, String fetchType, boolean toMany, String owner, String attribute,
		String target) {

}
