package io.polyshop.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP clients for the running application that never throw on 4xx/5xx, so tests assert on status and body. */
public final class PolyshopHttp {

	/** The first admin of every integration test context (see {@link PolyshopIntegrationTest}). */
	public static final String ADMIN_EMAIL = "admin@polyshop.test";
	public static final String ADMIN_PASSWORD = "test operator passphrase 42";

	private PolyshopHttp() {
	}

	/** An anonymous client. */
	public static RestClient client(int port) {
		return builder(port).build();
	}

	/** A client signed in with HTTP Basic as the given user. */
	public static RestClient as(int port, String email, String password) {
		return builder(port).defaultHeaders(headers -> headers.setBasicAuth(email, password)).build();
	}

	/** A client signed in as the test admin. */
	public static RestClient admin(int port) {
		return as(port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	private static RestClient.Builder builder(int port) {
		return RestClient.builder()
				.baseUrl("http://localhost:" + port)
				.defaultHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json")
				.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				});
	}
}
