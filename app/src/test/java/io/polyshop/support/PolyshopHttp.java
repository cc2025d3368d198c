package io.polyshop.support;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** An HTTP client for the running application that never throws on 4xx/5xx, so tests assert on status and body. */
public final class PolyshopHttp {

	private PolyshopHttp() {
	}

	public static RestClient client(int port) {
		return RestClient.builder()
				.baseUrl("http://localhost:" + port)
				.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				})
				.build();
	}
}
