package io.polyshop.customer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import io.polyshop.support.BrowserSession;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.RecordedEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in (HTTP Basic and the browser form), roles, the Redis session and the CSRF rule, end to end. */
@PolyshopIntegrationTest
class CustomerSecurityTests {

	static final String PASSWORD = CustomerRegistrationTests.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void basicSignInShowsTheCustomer() {
		String email = CustomerRegistrationTests.uniqueEmail();
		String id = registered(email, "Grace Hopper");

		ResponseEntity<JsonNode> me = PolyshopHttp.as(port, email.toUpperCase(), PASSWORD).get().uri("/api/me").retrieve()
				.toEntity(JsonNode.class);

		assertThat(me.getStatusCode().value()).isEqualTo(200);
		assertThat(me.getBody().path("id").asString()).isEqualTo(id);
		assertThat(me.getBody().path("email").asString()).isEqualTo(email);
		assertThat(me.getBody().path("name").asString()).isEqualTo("Grace Hopper");
		assertThat(me.getBody().path("roles").valueStream().map(JsonNode::asString)).containsExactly("CUSTOMER");
		assertThat(me.getBody().path("referralCode").asString()).hasSize(8);
		assertThat(me.getBody().path("addresses").isEmpty()).isTrue();
		// Basic is stateless: no session is created for API clients
		assertThat(me.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
	}

	@Test
	void aWrongPasswordIsA401Problem() {
		String email = CustomerRegistrationTests.uniqueEmail();
		registered(email, "Wrong Password");

		ResponseEntity<JsonNode> me = PolyshopHttp.as(port, email, PASSWORD + "x").get().uri("/api/me").retrieve()
				.toEntity(JsonNode.class);

		assertThat(me.getStatusCode().value()).isEqualTo(401);
		assertThat(me.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(me.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertThat(me.getBody().path("status").asInt()).isEqualTo(401);
		assertThat(me.getBody().path("detail").asString()).contains("email or password");
	}

	@Test
	void anonymousCallsToPrivateEndpointsAre401Problems() {
		for (String path : List.of("/api/me", "/api/admin/stores", "/api/recommendations")) {
			ResponseEntity<JsonNode> response = PolyshopHttp.client(port).get().uri(path).retrieve().toEntity(JsonNode.class);
			assertThat(response.getStatusCode().value()).as(path).isEqualTo(401);
			assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(path).startsWith("Basic");
		}
	}

	/** The storefront's scripts mark their calls; a Basic challenge would make the browser stop the page with its dialog. */
	@Test
	void anonymousCallsFromBrowserScriptsAre401ProblemsWithoutABasicChallenge() {
		ResponseEntity<JsonNode> response = PolyshopHttp.client(port).get().uri("/api/me")
				.header("X-Requested-With", "XMLHttpRequest").retrieve().toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
	}

	@Test
	void theFirstAdminComesFromTheConfiguration() {
		JsonNode me = PolyshopHttp.admin(port).get().uri("/api/me").retrieve().body(JsonNode.class);

		assertThat(me.path("email").asString()).isEqualTo(PolyshopHttp.ADMIN_EMAIL);
		assertThat(me.path("roles").valueStream().map(JsonNode::asString)).contains("ADMIN");
		// exactly one account, however often the application started on this database
		assertThat(jdbc.queryForObject("SELECT count(*) FROM customers WHERE lower(email) = ?", Integer.class,
				PolyshopHttp.ADMIN_EMAIL)).isEqualTo(1);
	}

	@Test
	void adminEndpointsNeedTheAdminRole() {
		String email = CustomerRegistrationTests.uniqueEmail();
		registered(email, "Plain Customer");
		var customer = PolyshopHttp.as(port, email, PASSWORD);

		ResponseEntity<JsonNode> stores = customer.get().uri("/api/admin/stores").retrieve().toEntity(JsonNode.class);
		assertThat(stores.getStatusCode().value()).isEqualTo(403);
		assertThat(stores.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(stores.getBody().path("status").asInt()).isEqualTo(403);
		assertThat(customer.get().uri("/actuator/metrics").retrieve().toEntity(String.class).getStatusCode().value())
				.isEqualTo(403);

		assertThat(PolyshopHttp.admin(port).get().uri("/api/admin/stores").retrieve().toEntity(String.class)
				.getStatusCode().value()).isEqualTo(200);
		assertThat(PolyshopHttp.admin(port).get().uri("/actuator/metrics").retrieve().toEntity(String.class)
				.getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void customersKeepTheirAddresses() {
		String email = CustomerRegistrationTests.uniqueEmail();
		registered(email, "Addressed");
		var customer = PolyshopHttp.as(port, email, PASSWORD);
		var home = Map.of("name", "Addressed", "line1", "1 Main Street", "city", "Berlin", "postalCode", "10115", "country", "DE");
		var work = Map.of("name", "Addressed", "line1", "2 Side Street", "city", "Paris", "postalCode", "75001", "country", "FR");

		ResponseEntity<JsonNode> saved = customer.put().uri("/api/me/addresses").contentType(MediaType.APPLICATION_JSON)
				.body(List.of(home, work)).retrieve().toEntity(JsonNode.class);
		assertThat(saved.getStatusCode().value()).isEqualTo(200);

		JsonNode me = customer.get().uri("/api/me").retrieve().body(JsonNode.class);
		assertThat(me.path("addresses").valueStream().map(a -> a.path("city").asString())).containsExactly("Berlin", "Paris");
		assertThat(me.path("addresses").get(0).path("postalCode").asString()).isEqualTo("10115");

		ResponseEntity<JsonNode> invalid = customer.put().uri("/api/me/addresses").contentType(MediaType.APPLICATION_JSON)
				.body(List.of(Map.of("name", "X", "line1", "", "city", "Y", "postalCode", "1", "country", "Germany")))
				.retrieve().toEntity(JsonNode.class);
		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		assertThat(invalid.getBody().path("detail").asString()).contains("country", "line1");
		assertThat(customer.get().uri("/api/me").retrieve().body(JsonNode.class).path("addresses").size()).isEqualTo(2);
	}

	@Test
	void formSignInKeepsTheSessionInRedisAndAnnouncesIt() {
		String email = CustomerRegistrationTests.uniqueEmail();
		String id = registered(email, "Browser User");
		BrowserSession browser = new BrowserSession(port);
		String token = browser.signInFormToken(); // the form's token lives in the anonymous session
		String anonymousSession = browser.sessionId().orElseThrow();

		HttpResponse<String> signedIn;
		try (var events = RecordedEvents.of(context, CustomerSignedIn.class)) {
			signedIn = browser.submitSignIn(email, PASSWORD, token);

			assertThat(events.seen()).filteredOn(seen -> seen.event().customerId().equals(id)).singleElement()
					.satisfies(seen -> {
						assertThat(seen.event().previousSessionId()).isEqualTo(anonymousSession);
						assertThat(seen.inTransaction()).isTrue();
					});
		}
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/api/me");

		String session = browser.sessionId().orElseThrow();
		assertThat(session).as("the session id changes at sign-in").isNotEqualTo(anonymousSession);
		assertThat(redis.hasKey("spring:session:sessions:" + session)).as("session stored in Redis").isTrue();

		HttpResponse<String> me = browser.get("/api/me", "application/json");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(json.readTree(me.body()).path("id").asString()).isEqualTo(id);
		assertThat(jdbc.queryForObject("SELECT last_signed_in_at IS NOT NULL FROM customers WHERE id = ?::uuid",
				Boolean.class, id)).isTrue();
	}

	@Test
	void aSignedInBrowserNeedsTheCsrfTokenToChangeData() {
		String email = CustomerRegistrationTests.uniqueEmail();
		registered(email, "Csrf Target");
		BrowserSession browser = new BrowserSession(port);
		assertThat(browser.submitSignIn(email, PASSWORD, browser.signInFormToken()).statusCode()).isEqualTo(302);
		String addresses = "[{\"name\":\"A\",\"line1\":\"1 Road\",\"city\":\"Rome\",\"postalCode\":\"00100\",\"country\":\"IT\"}]";

		HttpResponse<String> forged = browser.sendJson("PUT", "/api/me/addresses", addresses, Map.of());
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(json.readTree(forged.body()).path("detail").asString()).contains("CSRF");

		JsonNode csrf = json.readTree(browser.get("/api/csrf", "application/json").body());
		HttpResponse<String> withToken = browser.sendJson("PUT", "/api/me/addresses", addresses,
				Map.of(csrf.path("headerName").asString(), csrf.path("token").asString()));
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(json.readTree(withToken.body()).path("addresses").get(0).path("city").asString()).isEqualTo("Rome");
	}

	@Test
	void theSignInFormNeedsItsCsrfToken() {
		String email = CustomerRegistrationTests.uniqueEmail();
		registered(email, "Login Csrf");
		BrowserSession browser = new BrowserSession(port);

		HttpResponse<String> withoutToken = browser.submitSignIn(email, PASSWORD, null);

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(browser.get("/api/me", "application/json").statusCode()).isEqualTo(401);
	}

	@Test
	void anonymousCallsNeedNoCsrfTokenEvenWithASessionCookie() {
		BrowserSession anonymous = new BrowserSession(port);
		anonymous.signInFormToken(); // now holds an anonymous session cookie
		assertThat(anonymous.sessionId()).isPresent();

		HttpResponse<String> registration = anonymous.sendJson("POST", "/api/customers", "{\"email\":\""
				+ CustomerRegistrationTests.uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Anon\"}", Map.of());

		assertThat(registration.statusCode()).isEqualTo(201);
	}

	@Test
	void aBrowserPageThatNeedsASignInGoesToTheForm() {
		HttpResponse<String> page = new BrowserSession(port).get("/api/me", "text/html,application/xhtml+xml");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void theSignedInCustomerIsNoParameterInTheApiDocument() {
		// the admin asks: outside a development shop (Redis Cluster in CI) the document is for admins only
		JsonNode me = PolyshopHttp.admin(port).get().uri("/v3/api-docs").retrieve().body(JsonNode.class)
				.path("paths").path("/api/me").path("get");

		assertThat(me.isMissingNode()).isFalse();
		assertThat(me.path("parameters").isEmpty()).as(me.toString()).isTrue();
	}

	private String registered(String email, String name) {
		ResponseEntity<JsonNode> created = PolyshopHttp.client(port).post().uri("/api/customers")
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email, "password", PASSWORD, "name", name))
				.retrieve().toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		return created.getBody().path("id").asString();
	}
}
