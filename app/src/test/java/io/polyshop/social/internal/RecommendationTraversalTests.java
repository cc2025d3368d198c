package io.polyshop.social.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.ProfiledPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import io.polyshop.social.RecommendedProducts.RecommendedProduct;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * The recommendation traversal on a graph with many parallel FOLLOWS paths: {@value #WIDTH} accounts per level, each
 * following every account of the next level, so level k is reached by {@value #WIDTH}^k paths. A buyer counts once,
 * at its shortest distance, and the query must reach it once: a path-enumerating pattern would give the same answers
 * but do {@value #WIDTH}^4 = 1296 rows of work at depth 4 where there are 25 accounts, which the profile shows without
 * timing anything.
 */
@PolyshopIntegrationTest
class RecommendationTraversalTests {

	static final int WIDTH = 6;
	static final int LEVELS = 4;
	/** every level's accounts plus {@code close}, whom {@code me} follows and level 1 and 3 follow too */
	static final int REACHABLE = WIDTH * LEVELS + 1;

	@Autowired
	GraphRecommendations recommendations;

	@Autowired
	Neo4jClient neo4j;

	String prefix;

	/**
	 * me → level 1 (all) → level 2 (all) → level 3 → level 4; me → close, level 1 → close, level 3 → close.
	 * Every level-4 account bought "deep"; close and one level-2 account bought "near"; one level-3 account "single".
	 */
	@BeforeEach
	void layeredGraph() {
		prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<String> accounts = new ArrayList<>(List.of(id("me"), id("close")));
		for (int level = 1; level <= LEVELS; level++) {
			for (int i = 0; i < WIDTH; i++) {
				accounts.add(account(level, i));
			}
		}
		neo4j.query("UNWIND $ids AS id CREATE (:Customer {id: id})").bind(accounts).to("ids").run();
		follow("me", "c.id STARTS WITH $prefix + 'l1-' OR c.id = $prefix + 'close'");
		for (int level = 1; level < LEVELS; level++) {
			neo4j.query("""
					MATCH (a:Customer), (b:Customer) WHERE a.id STARTS WITH $from AND b.id STARTS WITH $to
					CREATE (a)-[:FOLLOWS]->(b)""")
					.bindAll(Map.of("from", prefix + "l" + level + "-", "to", prefix + "l" + (level + 1) + "-")).run();
		}
		neo4j.query("""
				MATCH (a:Customer), (close:Customer {id: $prefix + 'close'})
				WHERE a.id STARTS WITH $prefix + 'l1-' OR a.id STARTS WITH $prefix + 'l3-'
				CREATE (a)-[:FOLLOWS]->(close)""").bind(prefix).to("prefix").run();
		for (int i = 0; i < WIDTH; i++) {
			purchase(account(4, i), "deep");
		}
		purchase(id("close"), "near");
		purchase(account(2, 0), "near");
		purchase(account(3, 0), "single");
	}

	@Test
	void aBuyerReachedByManyPathsCountsOnceAtItsShortestDistance() {
		assertThat(recommendations.fromGraph(id("me"), 10, 4)).satisfiesExactly(deep -> {
			assertThat(deep.sku()).isEqualTo(id("deep"));
			assertThat(deep.score()).isCloseTo(WIDTH * 0.5, offset(0.01)); // 6 people, each once, each beyond depth 1
			assertThat(deep.reason()).isEqualTo("bought by 6 people in your network");
		}, near -> {
			assertThat(near.sku()).isEqualTo(id("near"));
			assertThat(near.score()).isCloseTo(1.0 + 0.5, offset(0.01)); // close: followed directly, though also at depth 2 and 4
			assertThat(near.reason()).isEqualTo("bought by 2 people in your network");
		});
		// the same buyers, fewer of them in reach: depth 3 and 2 find "near" alone, depth 1 only close (k = 2: nothing)
		assertThat(recommendations.fromGraph(id("me"), 10, 3)).extracting(RecommendedProduct::sku).containsExactly(id("near"));
		assertThat(recommendations.fromGraph(id("me"), 10, 2)).isEqualTo(recommendations.fromGraph(id("me"), 10, 3));
		assertThat(recommendations.fromGraph(id("me"), 10, 1)).isEmpty();
	}

	@Test
	void theTraversalReachesEachAccountOnceNotEachPath() {
		ProfiledPlan profile = neo4j.query("PROFILE " + GraphRecommendations.forCustomerQuery(LEVELS))
				.bindAll(recommendations.parameters(id("me"), 10)).run().profile();

		assertThat(largestRowCount(profile)).as("rows of the busiest operator in %s", operators(profile))
				.isLessThanOrEqualTo(REACHABLE);
	}

	private static long largestRowCount(ProfiledPlan plan) {
		return Math.max(plan.records(), plan.children().stream().mapToLong(RecommendationTraversalTests::largestRowCount).max().orElse(0));
	}

	private static String operators(ProfiledPlan plan) {
		return plan.operatorType() + " " + plan.records() + " rows"
				+ (plan.children().isEmpty() ? "" : " <- " + plan.children().stream().map(RecommendationTraversalTests::operators).toList());
	}

	private String id(String name) {
		return prefix + name;
	}

	private String account(int level, int index) {
		return id("l" + level + "-" + index);
	}

	private void follow(String follower, String followees) {
		neo4j.query("MATCH (me:Customer {id: $me}), (c:Customer) WHERE " + followees + " CREATE (me)-[:FOLLOWS]->(c)")
				.bindAll(Map.of("me", id(follower), "prefix", prefix)).run();
	}

	private void purchase(String customer, String product) {
		neo4j.query("""
				MATCH (c:Customer {id: $customer})
				MERGE (p:Product {sku: $sku}) ON CREATE SET p.title = $sku
				CREATE (c)-[:PURCHASED {orderId: randomUUID(), sku: $sku, quantity: 1, at: datetime()}]->(p)""")
				.bindAll(Map.of("customer", customer, "sku", id(product))).run();
	}
}
