package io.polyshop.social;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The social graph end to end over HTTP: customers registered through the customer module reach Neo4j through the
 * outbox, follow each other as signed-in customers, and get recommendations from what the people they follow bought
 * through checkout.
 */
@PolyshopIntegrationTest
class SocialHttpTests {

	@LocalServerPort
	int port;

	@Test
	void followAndRecommendAcrossModules() {
		Shopper ann = Shopper.register(port, "Ann");
		Shopper ben = Shopper.register(port, "Ben");
		Shopper cal = Shopper.register(port, "Cal");
		// profiles are private by default: Ann's follow is a request until Ben approves it
		await().atMost(Duration.ofSeconds(30)).until(() -> follow(ann, ben.id()).getStatusCode().value() == 202);
		assertThat(ben.http().get().uri("/api/social/follow-requests").retrieve().body(JsonNode.class).path("items").get(0)
				.path("name").asString()).isEqualTo("Ann");
		assertThat(ann.http().get().uri("/api/social/following").retrieve().body(JsonNode.class).path("items").isEmpty()).isTrue();
		assertThat(ben.http().put().uri("/api/social/follow-requests/{id}", ann.id()).retrieve().toBodilessEntity()
				.getStatusCode().value()).isEqualTo(204);
		assertThat(follow(ann, ben.id()).getStatusCode().value()).as("idempotent").isEqualTo(204);
		// Cal makes the profile public: following takes effect at once
		assertThat(cal.http().put().uri("/api/social/privacy").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.body(java.util.Map.of("privateProfile", false)).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30)).until(() -> follow(ann, cal.id()).getStatusCode().value() == 204);
		assertThat(follow(ann, ann.id()).getStatusCode().value()).isEqualTo(400);
		assertThat(follow(ann, "no-such-" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
		// an id made to break out of a Cypher string is refused (by the URL firewall or as unknown), and changes nothing
		assertThat(follow(ann, "x\"}) DETACH DELETE n //").getStatusCode().value()).isIn(400, 404);
		assertThat(follow(ann, "x'}) DETACH DELETE n RETURN 1 AS x").getStatusCode().value()).isEqualTo(404);
		assertThat(ann.http().get().uri("/api/social/following").retrieve().body(JsonNode.class).path("items").valueStream()
				.map(item -> item.path("id").asString())).containsExactlyInAnyOrder(ben.id(), cal.id());
		assertThat(ben.http().get().uri("/api/social/followers").retrieve().body(JsonNode.class).path("items").get(0)
				.path("name").asString()).isEqualTo("Ann");
		assertThat(PolyshopHttp.client(port).put().uri("/api/social/following/{id}", ben.id()).retrieve()
				.toBodilessEntity().getStatusCode().value()).as("anonymous").isEqualTo(401);

		// Ben and Cal buy something: checkout's OrderCompleted becomes PURCHASED edges, and Ann is recommended it
		// (one of them alone would not do: no recommendation shows a single person's purchase)
		String sku = Products.create(port, "30.00", 5);
		for (Shopper buyer : java.util.List.of(ben, cal)) {
			buyer.putInCart(sku, 1);
			assertThat(buyer.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getStatusCode().value()).isEqualTo(201);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> ann.http().get().uri("/api/recommendations").retrieve()
				.body(JsonNode.class).path("items").valueStream().anyMatch(item -> item.path("sku").asString().equals(sku)));
		JsonNode recommendations = ann.http().get().uri("/api/recommendations?limit=5").retrieve().body(JsonNode.class);
		assertThat(recommendations.path("source").asString()).isEqualTo("graph");
		assertThat(recommendations.path("items").get(0).path("title").asString()).isNotBlank();
		// and not to Ben, who bought it himself
		assertThat(ben.http().get().uri("/api/recommendations").retrieve().body(JsonNode.class).path("items").valueStream()
				.noneMatch(item -> item.path("sku").asString().equals(sku))).isTrue();
	}

	private ResponseEntity<Void> follow(Shopper who, String whom) {
		return who.http().put().uri("/api/social/following/{id}", whom).retrieve().toBodilessEntity();
	}
}
