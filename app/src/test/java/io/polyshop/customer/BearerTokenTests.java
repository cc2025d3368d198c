package io.polyshop.customer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens (RFC 6749 §5.1 response, RFC 6750 use) from {@code POST /api/auth/token}, against the real Redis. */
@PolyshopIntegrationTest
class BearerTokenTests {

	static final String PASSWORD = CustomerRegistrationTests.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTokenFromBasicCredentialsSignsInEveryApiRequest() {
		String email = registered();

		ResponseEntity<JsonNode> issued = PolyshopHttp.as(port, email, PASSWORD).post().uri("/api/auth/token").retrieve()
				.toEntity(JsonNode.class);

		assertThat(issued.getStatusCode().value()).isEqualTo(200);
		assertThat(issued.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		assertThat(issued.getHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode body = issued.getBody();
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
		String token = body.path("access_token").asString();
		assertThat(token).hasSizeGreaterThanOrEqualTo(40);

		ResponseEntity<JsonNode> me = bearer(token).get().uri("/api/me").retrieve().toEntity(JsonNode.class);
		assertThat(me.getStatusCode().value()).isEqualTo(200);
		assertThat(me.getBody().path("email").asString()).isEqualTo(email);
		assertThat(me.getHeaders().get(HttpHeaders.SET_COOKIE)).as("no session for token clients").isNull();
		// Redis keeps the token's hash only, set to expire with the token
		assertThat(redis.keys("polyshop:auth:token:*")).noneMatch(key -> key.contains(token));
		Long ttl = redis.getExpire("polyshop:auth:token:" + sha256(token));
		assertThat(ttl).isBetween(3500L, 3600L);
	}

	@Test
	void aTokenFromAJsonBody() {
		String email = registered();

		ResponseEntity<JsonNode> issued = token(Map.of("email", email.toUpperCase(), "password", PASSWORD));

		assertThat(issued.getStatusCode().value()).isEqualTo(200);
		String token = issued.getBody().path("access_token").asString();
		assertThat(bearer(token).get().uri("/api/me").retrieve().body(JsonNode.class).path("email").asString()).isEqualTo(email);
	}

	@Test
	void wrongCredentialsAre401ProblemsThatDoNotSayWhichPartWasWrong() {
		String email = registered();
		Set<String> before = redis.keys("polyshop:auth:token:*");

		ResponseEntity<JsonNode> wrongPassword = token(Map.of("email", email, "password", PASSWORD + "x"));
		ResponseEntity<JsonNode> unknownEmail = token(Map.of("email", "nobody-" + email, "password", PASSWORD));
		ResponseEntity<JsonNode> wrongBasic = PolyshopHttp.as(port, email, "not the password").post().uri("/api/auth/token")
				.retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> nothing = PolyshopHttp.client(port).post().uri("/api/auth/token").retrieve().toEntity(JsonNode.class);

		for (ResponseEntity<JsonNode> response : java.util.List.of(wrongPassword, unknownEmail, wrongBasic, nothing)) {
			assertThat(response.getStatusCode().value()).isEqualTo(401);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(wrongPassword.getBody().path("detail").asString()).isEqualTo("The email or password is not right.")
				.isEqualTo(unknownEmail.getBody().path("detail").asString())
				.isEqualTo(wrongBasic.getBody().path("detail").asString());
		assertThat(redis.keys("polyshop:auth:token:*")).isEqualTo(before);
	}

	@Test
	void badInputAtTheTokenEndpointIsA400Problem() {
		String email = registered();

		ResponseEntity<JsonNode> extraField = token(Map.of("email", email, "password", PASSWORD, "scope", "admin"));
		ResponseEntity<JsonNode> blank = token(Map.of("email", "", "password", PASSWORD));
		ResponseEntity<JsonNode> notJson = PolyshopHttp.client(port).post().uri("/api/auth/token")
				.contentType(MediaType.APPLICATION_JSON).body("{\"email\":").retrieve().toEntity(JsonNode.class);

		for (ResponseEntity<JsonNode> response : java.util.List.of(extraField, blank, notJson)) {
			assertThat(response.getStatusCode().value()).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().toString()).doesNotContain(PASSWORD);
		}
		assertThat(extraField.getBody().path("detail").asString()).contains("scope");
	}

	@Test
	void aBadTokenIsA401ProblemWithTheBearerChallenge() {
		ResponseEntity<JsonNode> me = bearer("not-a-token").get().uri("/api/me").retrieve().toEntity(JsonNode.class);

		assertThat(me.getStatusCode().value()).isEqualTo(401);
		assertThat(me.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(me.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").contains("error=\"invalid_token\"");
		// also on an endpoint anyone may call: a bad token is never silently ignored
		assertThat(bearer("not-a-token").get().uri("/api/products").retrieve().toEntity(JsonNode.class).getStatusCode().value())
				.isEqualTo(401);
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = issued(registered());
		assertThat(bearer(token).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);

		// the lifetime passes (the key's TTL is the token's lifetime)
		redis.expire("polyshop:auth:token:" + sha256(token), Duration.ofMillis(1));
		sleep(20);

		ResponseEntity<JsonNode> me = bearer(token).get().uri("/api/me").retrieve().toEntity(JsonNode.class);
		assertThat(me.getStatusCode().value()).isEqualTo(401);
		assertThat(me.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
	}

	@Test
	void deleteRevokesTheToken() {
		String email = registered();
		String token = issued(email);
		String other = issued(email);

		assertThat(bearer(token).delete().uri("/api/auth/token").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(204);

		assertThat(bearer(token).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(401);
		assertThat(bearer(other).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void aPasswordChangeRevokesEveryTokenOfTheAccount() {
		String email = registered();
		String first = issued(email);
		String second = issued(email);
		String newPassword = "a brand new passphrase";

		ResponseEntity<JsonNode> wrongCurrent = bearer(first).put().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("currentPassword", "wrong one", "newPassword", newPassword)).retrieve().toEntity(JsonNode.class);
		assertThat(wrongCurrent.getStatusCode().value()).isEqualTo(400);
		assertThat(bearer(first).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<JsonNode> changed = bearer(first).put().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("currentPassword", PASSWORD, "newPassword", newPassword)).retrieve().toEntity(JsonNode.class);
		assertThat(changed.getStatusCode().value()).isEqualTo(204);

		assertThat(bearer(first).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(401);
		assertThat(bearer(second).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(401);
		assertThat(PolyshopHttp.as(port, email, newPassword).get().uri("/api/me").retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(200);
		assertThat(PolyshopHttp.as(port, email, PASSWORD).get().uri("/api/me").retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(401);
	}

	/** The password is checked once, at issuance: a hash changed behind the app's back does not affect the token. */
	@Test
	void aTokenRequestChecksNoPassword() {
		String email = registered();
		String token = issued(email);

		jdbc.update("UPDATE customers SET password_hash = '{noop}changed-behind-the-back' WHERE lower(email) = ?", email);

		assertThat(bearer(token).get().uri("/api/me").retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);
		assertThat(PolyshopHttp.as(port, email, PASSWORD).get().uri("/api/me").retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).as("Basic checks the password on every request").isEqualTo(401);
	}

	@Test
	void rolesComeWithTheToken() {
		String admin = PolyshopHttp.admin(port).post().uri("/api/auth/token").retrieve().body(JsonNode.class)
				.path("access_token").asString();
		String customer = issued(registered());

		assertThat(bearer(admin).get().uri("/api/admin/stores").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> forbidden = bearer(customer).get().uri("/api/admin/stores").retrieve().toEntity(JsonNode.class);
		assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
		assertThat(forbidden.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aTokenCannotMintAnotherToken() {
		String token = issued(registered());

		assertThat(bearer(token).post().uri("/api/auth/token").retrieve().toEntity(JsonNode.class).getStatusCode().value())
				.isEqualTo(401);
	}

	private RestClient bearer(String token) {
		return RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json")
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.defaultStatusHandler(status -> status.isError(), (request, response) -> {
				}).build();
	}

	private ResponseEntity<JsonNode> token(Map<String, String> body) {
		return PolyshopHttp.client(port).post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON).body(body)
				.retrieve().toEntity(JsonNode.class);
	}

	private String issued(String email) {
		ResponseEntity<JsonNode> issued = token(Map.of("email", email, "password", PASSWORD));
		assertThat(issued.getStatusCode().value()).isEqualTo(200);
		return issued.getBody().path("access_token").asString();
	}

	private String registered() {
		String email = CustomerRegistrationTests.uniqueEmail();
		ResponseEntity<JsonNode> created = PolyshopHttp.client(port).post().uri("/api/customers")
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email, "password", PASSWORD, "name", "Token User"))
				.retrieve().toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		return email;
	}

	private static String sha256(String token) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
