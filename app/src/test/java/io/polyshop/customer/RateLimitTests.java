package io.polyshop.customer;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import io.polyshop.support.BrowserSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rate limit, with tiny limits in a context of its own. Each test is another client address (the proxy
 * header is trusted here, as an operator behind a load balancer would configure it) and other accounts, so
 * the tests do not share buckets.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.forward-headers-strategy=native",
		// a second application in this JVM: the search index (one writer per directory) gets a directory of its own
		"polyshop.search.directory=target/test-data/search-rate-limit-tests",
		"polyshop.rate-limits.password-attempts-per-account=3/1h",
		"polyshop.rate-limits.password-attempts-per-address=5/1h",
		"polyshop.rate-limits.registrations-per-address=2/1h",
		"polyshop.rate-limits.anonymous-carts-per-address=2/1h",
		"polyshop.rate-limits.checkouts-per-customer=2/1h",
		"polyshop.rate-limits.searches-per-address=3/1h" })
class RateLimitTests {

	static final String PASSWORD = CustomerRegistrationTests.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	final String address = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256)
			+ "." + ThreadLocalRandom.current().nextInt(1, 255);

	@Test
	void signInFormPerAccount() {
		String email = registered(newAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(formSignIn(newAddress(), email, "wrong password").statusCode()).isEqualTo(302); // to /login?error
		}
		var refused = formSignIn(newAddress(), email, PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
	}

	@Test
	void signInFormPerAddress() {
		for (int i = 0; i < 5; i++) {
			assertThat(formSignIn(address, CustomerRegistrationTests.uniqueEmail(), "wrong password").statusCode()).isEqualTo(302);
		}
		assertThat(formSignIn(address, CustomerRegistrationTests.uniqueEmail(), "wrong password").statusCode()).isEqualTo(429);
	}

	@Test
	void tokenIssuancePerAccount() {
		String email = registered(newAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(token(newAddress(), email, "wrong password").getStatusCode().value()).isEqualTo(401);
		}
		// the right password no longer helps, from anywhere
		assertTooManyRequests(token(newAddress(), email, PASSWORD));
	}

	@Test
	void tokenIssuancePerAddress() {
		for (int i = 0; i < 5; i++) {
			assertThat(token(address, CustomerRegistrationTests.uniqueEmail(), "wrong password").getStatusCode().value()).isEqualTo(401);
		}
		assertTooManyRequests(token(address, CustomerRegistrationTests.uniqueEmail(), "wrong password"));
		// Basic credentials at the token endpoint count alike
		assertTooManyRequests(from(address).post().uri("/api/auth/token")
				.headers(h -> h.setBasicAuth(CustomerRegistrationTests.uniqueEmail(), "x")).retrieve().toEntity(JsonNode.class));
	}

	@Test
	void failedBasicPerAccountButNotSuccessfulOnes() {
		String email = registered(newAddress());
		for (int i = 0; i < 10; i++) {
			assertThat(basic(newAddress(), email, PASSWORD).getStatusCode().value()).as("success never counts").isEqualTo(200);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(basic(newAddress(), email, "wrong password").getStatusCode().value()).isEqualTo(401);
		}
		assertTooManyRequests(basic(newAddress(), email, PASSWORD));
	}

	@Test
	void failedBasicPerAddress() {
		for (int i = 0; i < 5; i++) {
			assertThat(basic(address, CustomerRegistrationTests.uniqueEmail(), "wrong password").getStatusCode().value()).isEqualTo(401);
		}
		String email = registered(newAddress());
		assertTooManyRequests(basic(address, email, PASSWORD));
		assertThat(basic(newAddress(), email, PASSWORD).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void registrationPerAddress() {
		registered(address);
		registered(address);
		String email = CustomerRegistrationTests.uniqueEmail();

		assertTooManyRequests(register(address, email));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM customers WHERE email = ?", Integer.class, email)).isZero();
	}

	@Test
	void anonymousCartCreationPerAddress() {
		BrowserSession first = new BrowserSession(port, Map.of("X-Forwarded-For", address));
		assertThat(first.get("/api/cart", "application/json").statusCode()).isEqualTo(200);
		assertThat(new BrowserSession(port, Map.of("X-Forwarded-For", address)).get("/api/cart", "application/json").statusCode())
				.isEqualTo(200);

		var third = new BrowserSession(port, Map.of("X-Forwarded-For", address)).get("/api/cart", "application/json");
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		// a cart that already exists is not a new one
		assertThat(first.get("/api/cart", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void checkoutPerCustomer() {
		String email = registered(newAddress());
		for (int i = 0; i < 2; i++) {
			// an empty cart: refused by checkout itself, but counted
			assertThat(checkout(newAddress(), email).getStatusCode().value()).isBetween(400, 499).isNotEqualTo(429);
		}
		assertTooManyRequests(checkout(newAddress(), email));
		// another customer is not affected
		assertThat(checkout(newAddress(), registered(newAddress())).getStatusCode().value()).isNotEqualTo(429);
	}

	@Test
	void searchPerAddress() {
		for (int i = 0; i < 3; i++) {
			// not limited (a 503 while the search index is first built still counts against the budget)
			assertThat(from(address).get().uri("/api/products?q=lamp").retrieve().toEntity(JsonNode.class).getStatusCode().value())
					.isIn(200, 503);
		}
		assertTooManyRequests(from(address).get().uri("/api/products?q=lamp").retrieve().toEntity(JsonNode.class));
		// the full-text search shares the budget
		assertTooManyRequests(from(address).get().uri("/api/search?q=lamp").retrieve().toEntity(JsonNode.class));
		assertThat(from(newAddress()).get().uri("/api/products?q=lamp").retrieve().toEntity(JsonNode.class).getStatusCode().value())
				.isIn(200, 503);
	}

	private static void assertTooManyRequests(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(429);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
		assertThat(response.getBody().path("status").asInt()).isEqualTo(429);
	}

	private java.net.http.HttpResponse<String> formSignIn(String from, String email, String password) {
		BrowserSession browser = new BrowserSession(port, Map.of("X-Forwarded-For", from));
		return browser.submitSignIn(email, password, browser.signInFormToken());
	}

	private ResponseEntity<JsonNode> token(String from, String email, String password) {
		return from(from).post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email, "password", password)).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> basic(String from, String email, String password) {
		return from(from).get().uri("/api/me").headers(h -> h.setBasicAuth(email, password)).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> checkout(String from, String email) {
		return from(from).post().uri("/api/checkout").headers(h -> h.setBasicAuth(email, PASSWORD))
				.header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("cardNumber", "4242424242424242")).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> register(String from, String email) {
		return from(from).post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email, "password", PASSWORD, "name", "Limited")).retrieve().toEntity(JsonNode.class);
	}

	private String registered(String from) {
		String email = CustomerRegistrationTests.uniqueEmail();
		assertThat(register(from, email).getStatusCode().value()).isEqualTo(201);
		return email;
	}

	private RestClient from(String address) {
		return RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json")
				.defaultHeader("X-Forwarded-For", address)
				.defaultStatusHandler(status -> status.isError(), (request, response) -> {
				}).build();
	}

	private static String newAddress() {
		return "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
				+ ThreadLocalRandom.current().nextInt(1, 255);
	}

}
