package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document as tools see it. Saves it to {@code target/openapi.json}, which {@code .ci/run} lints with
 * Redocly's recommended rules (0 errors required); asserts here what those rules and client generators rely on.
 */
@PolyshopIntegrationTest
class OpenApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void everyOperationHasASummaryItsSecurityAndProblemResponses() throws Exception {
		String body = PolyshopHttp.client(port).get().uri("/v3/api-docs").retrieve().body(String.class);
		Files.writeString(Path.of("target", "openapi.json"), body);
		JsonNode document = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);

		assertThat(document.path("info").path("license").path("name").asString()).isNotBlank();
		assertThat(document.path("servers")).isNotEmpty();
		assertThat(document.path("components").path("securitySchemes").propertyNames())
				.contains("basicAuth", "bearerAuth", "sessionCookie");
		assertThat(document.path("components").path("schemas").path("Problem").path("properties").propertyNames())
				.contains("type", "title", "status", "detail", "instance");

		List<String> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				String name = method.getKey().toUpperCase() + " " + path.getKey();
				JsonNode operation = method.getValue();
				operations.add(name);
				assertThat(operation.path("summary").asString()).as(name).isNotBlank();
				assertThat(operation.has("security")).as(name + " declares its security").isTrue();
				boolean hasClientError = false;
				for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
					if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
						hasClientError |= response.getKey().startsWith("4");
						assertThat(response.getValue().path("content").has("application/problem+json"))
								.as(name + " " + response.getKey() + " is a problem document").isTrue();
					}
				}
				assertThat(hasClientError).as(name + " documents a 4xx").isTrue();
			}
		}
		assertThat(operations).contains("POST /api/checkout", "GET /api/products");

		// the security declared is the one enforced: asked of the running rules, not written by hand
		assertThat(document.at("/paths/~1api~1checkout/post/security")).isNotEmpty();
		assertThat(document.at("/paths/~1api~1checkout/post/responses/401").isMissingNode()).isFalse();
		assertThat(document.at("/paths/~1api~1products/get/security").get(0).isEmpty()).isTrue();
		assertThat(document.at("/paths/~1api~1products/get/responses/401").isMissingNode()).isTrue();
	}
}
