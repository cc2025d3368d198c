package io.polyshop.social;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.polyshop.shared.Paging;
import io.polyshop.shared.Refusal;
import io.polyshop.social.RecommendedProducts.RecommendedProduct;
import io.polyshop.social.RecommendedProducts.Source;
import io.polyshop.support.PolyshopInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Polyshop whose Neo4j never answers still starts, recommends bestsellers, and refuses follows with a 503. */
@Tag("integration")
class SocialGraphDownTests {

	@TempDir
	Path dataDirectory;

	@Test
	void withoutNeo4jRecommendationsFallBackAndFollowsAreRefused() throws IOException {
		try (ConfigurableApplicationContext app = PolyshopInstance.start(dataDirectory,
				"--polyshop.neo4j.uri=bolt://127.0.0.1:" + closedPort(),
				"--polyshop.stores.check-at-start=false")) { // a Neo4j that is not there yet
			completedOrder(app.getBean(JdbcTemplate.class), "bestseller-sku", "Most popular mug", 7);
			Recommendations recommendations = app.getBean(Recommendations.class);
			SocialGraph graph = app.getBean(SocialGraph.class);

			RecommendedProducts recommended = recommendations.forCustomer("someone", 5);

			assertThat(recommended.source()).isEqualTo(Source.FALLBACK);
			assertThat(recommended.items()).containsExactly(new RecommendedProduct("bestseller-sku", "Most popular mug", 7, "bestseller"));
			assertThatThrownBy(() -> graph.follow("someone", "someone-else")).isInstanceOfSatisfying(SocialGraphUnavailable.class, e -> {
				assertThat(e.reason()).isEqualTo(Refusal.Reason.UNAVAILABLE);
				assertThat(e.detail()).contains("nothing was changed").doesNotContain("Exception", "bolt");
			});
			assertThatThrownBy(() -> graph.unfollow("someone", "someone-else")).isInstanceOf(SocialGraphUnavailable.class);
			assertThatThrownBy(() -> graph.following("someone", Paging.of(0, 20))).isInstanceOf(SocialGraphUnavailable.class);
		}
	}

	/** The order store's bestseller query reads completed orders; one is enough to know the fallback used it. */
	private static void completedOrder(JdbcTemplate jdbc, String sku, String title, int quantity) {
		UUID orderId = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO orders (id, customer_id, idempotency_key, status, currency, total,
				                    ship_name, ship_line1, ship_city, ship_postal_code, ship_country, placed_at)
				VALUES (?, 'someone-else', ?, 'COMPLETED', 'EUR', 10, 'Ada', '1 Road', 'London', 'N1', 'GB', ?)""",
				orderId, orderId.toString(), java.sql.Timestamp.from(Instant.now()));
		jdbc.update("INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price) VALUES (?, 1, ?, ?, ?, 1.5)",
				orderId, sku, title, quantity);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
