package io.github.dbperf.it.frames;

import java.util.List;

import io.github.dbperf.autoconfigure.frames.LibraryCaller;
import io.github.dbperf.context.ApplicationFrames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationFrames} when the application's package encloses dbperf's
 * own, as in dbperf's tests and sample app.
 */
class ApplicationFramesTests {

	private final ApplicationFrames frames = new ApplicationFrames(List.of("io.github.dbperf"));

	@Test
	void whenDbperfWiringSitsBetweenTheApplicationAndTheStatementThenItsFramesAreNotCallSites() {
		String callSite = LibraryCaller.call(this.frames::callerFrame);
		assertThat(callSite).startsWith("ApplicationFramesTests.");
		assertThat(LibraryCaller.call(this.frames::callerStack)).isNotEmpty()
			.noneMatch((frame) -> frame.getClassName().startsWith("io.github.dbperf.autoconfigure."));
	}

}
