package io.polyshop.social.internal;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.OrderCompleted;
import io.polyshop.shared.FaultSeams;

/**
 * Projects completed orders into PURCHASED edges, one per order and product, keyed by (orderId, sku): a redelivered
 * event matches the edges it created the first time and adds nothing. PostgreSQL stays the source of truth for
 * orders; this is a projection for recommendations.
 */
@Component
class Purchases {

	private final Neo4jClient neo4j;
	private final FaultSeams seams;

	Purchases(Neo4jClient neo4j, FaultSeams seams) {
		this.neo4j = neo4j;
		this.seams = seams;
	}

	@ApplicationModuleListener
	void on(OrderCompleted order) {
		order.lines().forEach(line -> seams.reached("before-purchased-edges", line.title()));
		project(order);
	}

	void project(OrderCompleted order) {
		neo4j.query("""
				MERGE (customer:Customer {id: $customerId})
				WITH customer
				UNWIND $lines AS line
				MERGE (product:Product {sku: line.sku})
				SET product.title = coalesce(line.title, product.title)
				MERGE (customer)-[purchase:PURCHASED {orderId: $orderId, sku: line.sku}]->(product)
				  ON CREATE SET purchase.at = $at, purchase.quantity = line.quantity""")
				.bindAll(Map.of("customerId", order.customerId(), "orderId", order.orderId(),
						"at", order.completedAt().atOffset(ZoneOffset.UTC), "lines", linesBySku(order.lines())))
				.run();
	}

	/** One edge per product: an order listing a SKU twice bought the sum of both quantities. */
	private static List<Map<String, Object>> linesBySku(List<OrderCompleted.Line> lines) {
		Map<String, Map<String, Object>> bySku = new LinkedHashMap<>();
		for (OrderCompleted.Line line : lines) {
			bySku.merge(line.sku(), line(line.sku(), line.title(), line.quantity()),
					(first, again) -> line(line.sku(), line.title(), (int) first.get("quantity") + line.quantity()));
		}
		return List.copyOf(bySku.values());
	}

	private static Map<String, Object> line(String sku, String title, int quantity) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("sku", sku);
		line.put("title", title);
		line.put("quantity", quantity);
		return line;
	}
}
