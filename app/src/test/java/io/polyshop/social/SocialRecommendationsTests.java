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
	 * me follows near, near follows far, nobody follows stranger. At the same moment near bought "close" and far bought
	 * "distant"; near bought "dated" 90 days ago; near and me both bought "mine"; stranger bought "unrelated".
	 */
	@Test
	void recommendationsRankDepthOneAboveDepthTwoAndExcludeOwnPurchases() {
		Instant now = Instant.now();
		fixtures.register("me", "near", "far", "stranger");
		graph.follow(id("me"), id("near"));
		graph.follow(id("near"), id("far"));
		fixtures.purchase("me", now.minus(Duration.ofDays(1)), "mine");
		fixtures.purchase("near", now, "close", "mine");
		fixtures.purchase("near", now.minus(Duration.ofDays(90)), "dated");
		fixtures.purchase("far", now, "distant");
		fixtures.purchase("stranger", now, "unrelated");

		RecommendedProducts recommended = recommendations.forCustomer(id("me"), 10);

		assertThat(recommended.source()).isEqualTo(Source.GRAPH);
		assertThat(recommended.items()).extracting(RecommendedProduct::sku)
				.containsExactly(id("close"), id("distant"), id("dated"));
		assertThat(recommended.items().get(0)).satisfies(close -> {
			assertThat(close.title()).isEqualTo("Title of close");
			assertThat(close.score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
			assertThat(close.reason()).isEqualTo("bought by someone you follow");
		});
		assertThat(recommended.items().get(1).reason()).isEqualTo("bought by someone followed by people you follow");
		assertThat(recommendations.forCustomer(id("me"), 1).items()).extracting(RecommendedProduct::sku).containsExactly(id("close"));
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
