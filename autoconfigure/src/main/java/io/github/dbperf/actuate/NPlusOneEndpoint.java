package io.github.dbperf.actuate;

import java.util.List;

import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} listing N+1 and duplicate-query incidents aggregated by unit
 * of work and fingerprint, and resetting them.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "nplusone")
public class NPlusOneEndpoint {

	private final NPlusOneDetector detector;

	/**
	 * Create a new endpoint.
	 * @param detector the detector
	 */
	public NPlusOneEndpoint(NPlusOneDetector detector) {
		this.detector = detector;
	}

	@ReadOperation
	public NPlusOneDescriptor incidents() {
		return new NPlusOneDescriptor(this.detector.mode().name().toLowerCase(java.util.Locale.ROOT),
				this.detector.minRepeats(), this.detector.store().incidents());
	}

	@DeleteOperation
	public void reset() {
		this.detector.store().reset();
	}

	/**
	 * The endpoint's response.
	 *
	 * @param mode the detection mode
	 * @param threshold executions of one select in a unit of work that make an incident
	 * @param incidents the incidents, most repeats first
	 */
	public record NPlusOneDescriptor(String mode, int threshold,
			List<IncidentStore.Aggregate> incidents) implements OperationResponseBody {

	}

}
