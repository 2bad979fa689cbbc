package io.github.dbperf.autoconfigure.jdbc;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The capture settings in effect: each {@code dbperf.jdbc.*} value, or, when only its
 * deprecated {@code dbperf.queries.*} name is set, the value under that name.
 *
 * @param captureParameters whether bind-parameter values go into statement events
 * @param fingerprintCacheMaxSize the bound of the fingerprint cache per dialect
 * @author dbperf
 * @since 0.2.0
 */
record CaptureSettings(boolean captureParameters, DataSize fingerprintCacheMaxSize) {

	private static final String CAPTURE_PARAMETERS = "capture-parameters";

	private static final String FINGERPRINT_CACHE_MAX_SIZE = "fingerprint-cache-max-size";

	static CaptureSettings of(JdbcCaptureProperties properties, Environment environment) {
		Binder binder = Binder.get(environment);
		boolean captureParameters = properties.isCaptureParameters();
		if (!isSet(binder, "dbperf.jdbc." + CAPTURE_PARAMETERS)) {
			captureParameters = binder.bind("dbperf.queries." + CAPTURE_PARAMETERS, Boolean.class)
				.orElse(captureParameters);
		}
		DataSize fingerprintCacheMaxSize = properties.getFingerprintCacheMaxSize();
		if (!isSet(binder, "dbperf.jdbc." + FINGERPRINT_CACHE_MAX_SIZE)) {
			String deprecated = "dbperf.queries." + FINGERPRINT_CACHE_MAX_SIZE;
			fingerprintCacheMaxSize = binder.bind(deprecated, DataSize.class)
				.map((size) -> JdbcCaptureProperties.checkFingerprintCacheMaxSize(deprecated, size))
				.orElse(fingerprintCacheMaxSize);
		}
		return new CaptureSettings(captureParameters, fingerprintCacheMaxSize);
	}

	private static boolean isSet(Binder binder, String name) {
		return binder.bind(name, String.class).isBound();
	}

}
