package io.github.dbperf.test;

import io.github.dbperf.testing.TestPostgres;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The application under test: shops on a real PostgreSQL.
 */
@SpringBootApplication(scanBasePackages = "io.github.dbperf.test.model")
public class TestApplication {

	static void postgres(DynamicPropertyRegistry registry) {
		// Each test context gets its own database: their create-drop schemas never meet
		String database = TestPostgres.newDatabase("testsupport");
		registry.add("spring.datasource.url", () -> database);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "create-drop");
		registry.add("spring.jpa.properties.hibernate.default_batch_fetch_size", () -> "1");
		registry.add("spring.sql.init.mode", () -> "always");
		registry.add("spring.jpa.defer-datasource-initialization", () -> "true");
	}

}
