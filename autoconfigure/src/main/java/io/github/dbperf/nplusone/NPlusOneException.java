package io.github.dbperf.nplusone;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a unit of work ends with N+1 queries and the mode is {@code exception}.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class NPlusOneException extends RuntimeException {

	private final transient List<Incident> incidents;

	/**
	 * Create a new exception.
	 * @param incidents the incidents found
	 */
	public NPlusOneException(List<Incident> incidents) {
		super(incidents.stream().map(Incident::describe).collect(Collectors.joining(System.lineSeparator())));
		this.incidents = List.copyOf(incidents);
	}

	/**
	 * Return the incidents.
	 * @return the incidents
	 */
	public List<Incident> getIncidents() {
		return this.incidents;
	}

}
