package io.github.dbperf.it.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production set-up from the documentation: dbperf's endpoints exposed, actuator
 * secured with Spring Security, write operations turned off with
 * {@code access=read-only}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:secured;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=health,dbperf,slowqueries,nplusone,querycache",
				"management.endpoints.access.default=read-only" })
class SecuredActuatorIntegrationTests {

	private static final String[] ENDPOINTS = { "dbperf", "slowqueries", "nplusone", "querycache" };

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void whenActuatorIsSecuredThenAnonymousCallsToDbperfEndpointsAreRefused() throws Exception {
		for (String endpoint : ENDPOINTS) {
			assertThat(send("GET", endpoint, null).statusCode()).as(endpoint).isEqualTo(401);
		}
		assertThat(send("DELETE", "slowqueries", null).statusCode()).isEqualTo(401);
	}

	@Test
	void whenTheCallerHasTheOperatorRoleThenTheEndpointsAnswer() throws Exception {
		for (String endpoint : ENDPOINTS) {
			assertThat(send("GET", endpoint, "ops").statusCode()).as(endpoint).isEqualTo(200);
		}
	}

	@Test
	void whenTheCallerLacksTheOperatorRoleThenTheEndpointsAreForbidden() throws Exception {
		assertThat(send("GET", "slowqueries", "viewer").statusCode()).isEqualTo(403);
	}

	@Test
	void whenAccessIsReadOnlyThenDeleteOperationsAreNotServedEvenToOperators() throws Exception {
		assertThat(send("DELETE", "slowqueries", "ops").statusCode()).isEqualTo(405);
		assertThat(send("DELETE", "nplusone", "ops").statusCode()).isEqualTo(405);
		assertThat(send("DELETE", "querycache", "ops").statusCode()).isEqualTo(405);
	}

	private HttpResponse<String> send(String method, String endpoint, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/" + endpoint))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			String credentials = user + ":" + user + "-password";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootApplication
	static class SecuredApplication {

		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
					.permitAll()
					.anyRequest()
					.hasRole("OPS"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("ops").password("{noop}ops-password").roles("OPS").build(),
					User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
		}

	}

}
