package io.github.dbperf.autoconfigure;

/**
 * Thrown while binding when a {@code dbperf.*} property has a value dbperf cannot use.
 * Reported at startup by {@link InvalidDbperfPropertyFailureAnalyzer}.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class InvalidDbperfPropertyException extends IllegalArgumentException {

	private final String property;

	private final Object value;

	private final String allowed;

	/**
	 * Create a new exception.
	 * @param property the full property name, such as
	 * {@code dbperf.pool.connection-timeout}
	 * @param value the rejected value
	 * @param allowed a description of the values that are allowed
	 */
	public InvalidDbperfPropertyException(String property, Object value, String allowed) {
		super("Invalid value '" + value + "' for property '" + property + "': allowed values are " + allowed);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
