package io.polyshop.customer;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.RecordedEvents;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/customers}: who may register with what, against the real PostgreSQL. */
@PolyshopIntegrationTest
class CustomerRegistrationTests {

	static final String PASSWORD = "correct horse battery";

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void registersACustomerWithAReferralCodeOfTheirOwn() {
		String email = uniqueEmail();

		ResponseEntity<JsonNode> created = register(Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace"));

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		JsonNode body = created.getBody();
		assertThat(body.path("id").asString()).isNotBlank();
		assertThat(body.path("email").asString()).isEqualTo(email);
		assertThat(body.path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.path("referralCode").asString()).matches("[0-9A-Z]{8}");
		assertThat(body.has("password")).isFalse();
		// the password is stored hashed, in the delegating encoder's format
		assertThat(jdbc.queryForObject("SELECT password_hash FROM customers WHERE id = ?::uuid", String.class,
				body.path("id").asString())).startsWith("{bcrypt}").doesNotContain(PASSWORD);
	}

	@Test
	void theSameEmailInAnotherCaseIsAConflict() {
		String email = uniqueEmail();
		assertThat(register(Map.of("email", email, "password", PASSWORD, "name", "First")).getStatusCode().value()).isEqualTo(201);

		ResponseEntity<JsonNode> again = register(Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "Second"));

		assertThat(again.getStatusCode().value()).isEqualTo(409);
		assertProblem(again, "already exists");
	}

	@Test
	void aWeakPasswordIsRefused() {
		assertProblem400(register(Map.of("email", uniqueEmail(), "password", "short", "name", "Weak")), "at least 10 characters");
		assertProblem400(register(Map.of("email", uniqueEmail(), "password", "aaaaaaaaaaaaaa", "name", "Weak")), "different");
		String email = uniqueEmail();
		assertProblem400(register(Map.of("email", email, "password", email + "!", "name", "Weak")), "email");
	}

	@Test
	void aMalformedEmailIsRefused() {
		assertProblem400(register(Map.of("email", "not-an-email", "password", PASSWORD, "name", "Bad")), "email");
		assertProblem400(register(Map.of("email", "a@b", "password", PASSWORD, "name", "Bad")), "email");
	}

	@Test
	void missingFieldsAreNamed() {
		ResponseEntity<JsonNode> response = register(Map.of("email", uniqueEmail()));

		assertProblem400(response, "password");
		assertThat(response.getBody().path("detail").asString()).contains("name");
	}

	@Test
	void fieldsTheClientMayNotSetAreRefused() {
		String email = uniqueEmail();

		ResponseEntity<JsonNode> response = register(Map.of("email", email, "password", PASSWORD, "name", "Mallory",
				"roles", java.util.List.of("ADMIN"), "admin", true));

		// the first unknown field Jackson meets is named, with the fields registration takes
		assertProblem400(response, "is not a field of this request; it takes email, name, password, privateProfile, referralCode");
		assertThat(response.getBody().path("field").asString()).isIn("admin", "roles");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM customers WHERE email = ?", Integer.class, email)).isZero();
	}

	@Test
	void malformedJsonIsABadRequest() {
		ResponseEntity<JsonNode> response = PolyshopHttp.client(port).post().uri("/api/customers")
				.contentType(MediaType.APPLICATION_JSON).body("{\"email\": ").retrieve().toEntity(JsonNode.class);

		assertProblem400(response, "not valid JSON");
	}

	@Test
	void anUnknownReferralCodeIsRefused() {
		ResponseEntity<JsonNode> response = register(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Bob",
				"referralCode", "NOSUCH00"));

		assertProblem400(response, "NOSUCH00");
	}

	@Test
	void registrationIsAnnouncedInsideItsTransactionWithTheReferrer() {
		JsonNode referrer = register(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Referrer")).getBody();
		String email = uniqueEmail();

		JsonNode referred;
		try (var events = RecordedEvents.of(context, CustomerRegistered.class)) {
			referred = register(Map.of("email", email, "password", PASSWORD, "name", "Referred",
					"referralCode", referrer.path("referralCode").asString().toLowerCase())).getBody();

			assertThat(events.seen()).filteredOn(seen -> seen.event().customerId().equals(referred.path("id").asString()))
					.singleElement().satisfies(seen -> {
						// published inside the PostgreSQL transaction: the outbox records it with the account
						assertThat(seen.inTransaction()).isTrue();
						assertThat(seen.event().email()).isEqualTo(email);
						assertThat(seen.event().name()).isEqualTo("Referred");
						assertThat(seen.event().referrerId()).isEqualTo(referrer.path("id").asString());
						assertThat(seen.event().registeredAt()).isNotNull();
					});
		}
		assertThat(jdbc.queryForObject("SELECT referred_by::text FROM customers WHERE id = ?::uuid", String.class,
				referred.path("id").asString())).isEqualTo(referrer.path("id").asString());
	}

	private ResponseEntity<JsonNode> register(Map<String, ?> body) {
		RestClient http = PolyshopHttp.client(port);
		return http.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
				.toEntity(JsonNode.class);
	}

	static String uniqueEmail() {
		return "customer-" + UUID.randomUUID() + "@example.com";
	}

	private static void assertProblem400(ResponseEntity<JsonNode> response, String detailPart) {
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
		assertProblem(response, detailPart);
	}

	private static void assertProblem(ResponseEntity<JsonNode> response, String detailPart) {
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().path("detail").asString()).contains(detailPart);
		assertThat(response.getBody().path("detail").asString()).doesNotContain(PASSWORD);
	}
}
