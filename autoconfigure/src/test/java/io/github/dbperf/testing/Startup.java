package io.github.dbperf.testing;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts and closes a non-web application through {@link SpringApplicationBuilder}, so
 * that a startup failure goes through Spring Boot's failure analyzers, as it does for
 * users.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class Startup {

	private Startup() {
	}

	/**
	 * Start the sources with an embedded database of their own, then close them.
	 * @param sources the configuration classes
	 * @param properties extra properties
	 */
	public static void run(Class<?>[] sources, String... properties) {
		new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.datasource.generate-unique-name=true")
			.properties(properties)
			.run()
			.close();
	}

}
