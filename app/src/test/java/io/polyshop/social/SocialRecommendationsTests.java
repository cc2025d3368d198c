package io.polyshop.social;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.polyshop.checkout.OrderCompleted;
import io.polyshop.social.RecommendedProducts.RecommendedProduct;
import io.polyshop.social.RecommendedProducts.Source;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** PURCHASED edges from OrderCompleted events, and what the graph recommends from them. */
@PolyshopIntegrationTest
class SocialRecommendationsTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	SocialGraph graph;

	@Autowired
	Recommendations recommendations;

	SocialFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = SocialFixtures.in(context);
	}

	private String id(String name) {
		return fixtures.id(name);
	}

	/**
	 * me follows ann and bob; ann follows cat, bob follows dan. Nobody follows stranger. A product is recommended
	 * only once at least two people in me's network bought it (k = 2), so no single person's purchase shows.
	 */
	@Test
	void recommendationsRankDepthOneAboveDepthTwoAndExcludeOwnPurchases() {
		Instant now = Instant.now();
		fixtures.register("me", "ann", "bob", "cat", "dan", "stranger");
		graph.follow(id("me"), id("ann"));
		graph.follow(id("me"), id("bob"));
		graph.follow(id("ann"), id("cat"));
		graph.follow(id("bob"), id("dan"));
		fixtures.purchase("me", now.minus(Duration.ofDays(1)), "mine");
		fixtures.purchase("ann", now, "close", "mine", "solo");
		fixtures.purchase("bob", now, "close", "mine");
		fixtures.purchase("ann", now.minus(Duration.ofDays(90)), "dated");
		fixtures.purchase("bob", now.minus(Duration.ofDays(90)), "dated");
		fixtures.purchase("cat", now, "distant", "lonely");
		fixtures.purchase("dan", now, "distant");
		fixtures.purchase("stranger", now, "unrelated", "close");

		RecommendedProducts recommended = recommendations.forCustomer(id("me"), 10);

		assertThat(recommended.source()).isEqualTo(Source.GRAPH);
		assertThat(recommended.items()).extracting(RecommendedProduct::sku)
				.containsExactly(id("close"), id("distant"), id("dated"));
		assertThat(recommended.items().get(0)).satisfies(close -> {
			assertThat(close.title()).isEqualTo("Title of close");
			assertThat(close.score()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
			assertThat(close.reason()).isEqualTo("bought by 2 people you follow");
		});
		assertThat(recommended.items().get(1).reason()).isEqualTo("bought by 2 people in your network");
		assertThat(recommendations.forCustomer(id("me"), 1).items()).extracting(RecommendedProduct::sku).containsExactly(id("close"));
	}

	/** Following one person alone shows nothing of what they bought (OWASP API3: no property-level exposure). */
	@Test
	void followingOnePersonRevealsNothingTheyBought() {
		fixtures.register("watcher", "target", "other");
		graph.follow(id("watcher"), id("target"));
		fixtures.purchase("target", Instant.now(), "secret", "shared");
		fixtures.purchase("other", Instant.now(), "shared");

		assertThat(recommendations.forCustomer(id("watcher"), 10).items()).isEmpty();

		// once a second followed customer bought it too, it may be recommended, without naming anyone
		graph.follow(id("watcher"), id("other"));
		assertThat(recommendations.forCustomer(id("watcher"), 10).items()).singleElement().satisfies(item -> {
			assertThat(item.sku()).isEqualTo(id("shared"));
			assertThat(item.reason()).isEqualTo("bought by 2 people you follow").doesNotContain("target", "other", "someone");
		});
	}

	@Test
	void aRedeliveredOrderAddsNoPurchase() {
		fixtures.register("buyer");
		OrderCompleted order = fixtures.order("order-" + fixtures.prefix(), "buyer", Instant.parse("2025-01-02T03:04:05Z"),
				"cup", "saucer", "cup");

		fixtures.publish(order);
		fixtures.publish(order); // delivered again, as after a crash or a resubmission

		assertThat(fixtures.count("MATCH (:Customer {id: $prefix + 'buyer'})-[b:PURCHASED]->() RETURN count(b)")).isEqualTo(2);
		assertThat(fixtures.count("""
				MATCH (:Customer {id: $prefix + 'buyer'})-[b:PURCHASED]->(:Product {sku: $prefix + 'cup'})
				WHERE b.orderId = 'order-' + $prefix AND b.quantity = 2 AND b.at = datetime('2025-01-02T03:04:05Z')
				RETURN count(b)""")).isOne();
		assertThat(fixtures.count("MATCH (p:Product) WHERE p.sku STARTS WITH $prefix RETURN count(p)")).isEqualTo(2);
	}

	@Test
	void alsoBoughtCountsSharedBuyers() {
		fixtures.register("ann", "bob", "cat");
		fixtures.purchase("ann", Instant.now(), "pen", "ink");
		fixtures.purchase("bob", Instant.now(), "pen");
		fixtures.purchase("bob", Instant.now(), "ink", "paper");
		fixtures.purchase("cat", Instant.now(), "paper", "glue");

		assertThat(recommendations.alsoBought(id("pen"), 10))
				.containsExactly(new AlsoBought(id("ink"), "Title of ink", 2), new AlsoBought(id("paper"), "Title of paper", 1));
		assertThat(recommendations.alsoBought(id("unknown"), 10)).isEmpty();
	}
}
