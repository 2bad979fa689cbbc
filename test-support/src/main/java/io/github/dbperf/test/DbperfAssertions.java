package io.github.dbperf.test;

/**
 * Entry point for dbperf's AssertJ assertions.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DbperfAssertions {

	private DbperfAssertions() {
	}

	/**
	 * Start assertions on a recorder.
	 * @param recorder the recorder
	 * @return the assertions
	 */
	public static QueryRecorderAssert assertThat(QueryRecorder recorder) {
		return new QueryRecorderAssert(recorder);
	}

}
