package io.polyshop.social.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.checkout.SkuQuantities;

/**
 * Completed orders (PostgreSQL, the truth) against PURCHASED edges (their projection), both ways: each completed
 * order has exactly one edge per SKU from its customer, with the summed quantity; every edge belongs to a completed
 * order. Repairs by removing the order's edges and projecting it again, and removes edges of orders that are not
 * (or no longer) completed. The synthetic graph ({@code gen-} ids, see {@link GraphGenerator}) has no orders and is
 * left out.
 */
@Component
@Order(20)
class PurchasedEdgesAudit implements AuditCheck {

	private final PlacedOrders placedOrders;
	private final Purchases purchases;
	private final Neo4jClient neo4j;

	PurchasedEdgesAudit(PlacedOrders placedOrders, Purchases purchases, Neo4jClient neo4j) {
		this.placedOrders = placedOrders;
		this.purchases = purchases;
		this.neo4j = neo4j;
	}

	@Override
	public String invariant() {
		return "purchased-edges";
	}

	@Override
	public String description() {
		return "completed order lines (PostgreSQL) ↔ PURCHASED edges (Neo4j): one per order and SKU, same customer and quantity";
	}

	@Override
	public void run(AuditTally tally) {
		String after = null;
		for (List<OrderFacts> batch = placedOrders.factsAfter(null, tally.batchSize()); !batch.isEmpty();
				batch = placedOrders.factsAfter(after, tally.batchSize())) {
			List<OrderFacts> completed = batch.stream().filter(OrderFacts::completed).toList();
			Map<String, List<Edge>> edges = edges(completed.stream().map(OrderFacts::orderId).toList());
			for (OrderFacts order : completed) {
				String difference = difference(order, edges.getOrDefault(order.orderId(), List.of()));
				if (difference != null) {
					tally.drifted("order " + order.orderId() + ": " + difference);
					if (tally.repair()) {
						removeEdges(order.orderId());
						purchases.project(new OrderCompleted(order.orderId(), order.customerId(),
								order.lines().stream().map(l -> new OrderCompleted.Line(l.sku(), l.title(), l.quantity())).toList(),
								order.completedAt() != null ? order.completedAt() : order.placedAt()));
						tally.repaired();
					}
				}
			}
			tally.checked(completed.size());
			after = batch.get(batch.size() - 1).orderId();
		}
		orphans(tally);
	}

	/** Edges whose order is not a completed order in PostgreSQL. */
	private void orphans(AuditTally tally) {
		String after = "";
		while (true) {
			List<String> orderIds = new ArrayList<>(neo4j.query("""
					MATCH ()-[p:PURCHASED]->() WHERE p.orderId > $after AND NOT p.orderId STARTS WITH 'gen-'
					WITH DISTINCT p.orderId AS orderId ORDER BY orderId LIMIT $limit RETURN orderId""")
					.bind(after).to("after").bind(tally.batchSize()).to("limit").fetchAs(String.class).all());
			if (orderIds.isEmpty()) {
				return;
			}
			Map<String, String> statuses = placedOrders.statuses(orderIds);
			for (String orderId : orderIds) {
				String status = statuses.get(orderId);
				if (!OrderStatus.COMPLETED.name().equals(status)) {
					tally.drifted("edges of order " + orderId + ": " + (status == null ? "no such order" : "order is " + status));
					if (tally.repair()) {
						removeEdges(orderId);
						tally.repaired();
					}
				}
			}
			tally.checked(orderIds.size());
			after = orderIds.get(orderIds.size() - 1);
		}
	}

	private void removeEdges(String orderId) {
		neo4j.query("MATCH ()-[p:PURCHASED {orderId: $orderId}]->() DELETE p").bind(orderId).to("orderId").run();
	}

	private Map<String, List<Edge>> edges(List<String> orderIds) {
		Map<String, List<Edge>> byOrder = new HashMap<>();
		if (orderIds.isEmpty()) {
			return byOrder;
		}
		neo4j.query("""
				UNWIND $ids AS id
				MATCH (c:Customer)-[p:PURCHASED {orderId: id}]->(product:Product)
				RETURN id, c.id AS customer, product.sku AS sku, p.quantity AS quantity""")
				.bind(orderIds).to("ids").fetch().all()
				.forEach(row -> byOrder.computeIfAbsent((String) row.get("id"), id -> new ArrayList<>())
						.add(new Edge((String) row.get("customer"), (String) row.get("sku"),
								row.get("quantity") == null ? 0 : ((Number) row.get("quantity")).intValue())));
		return byOrder;
	}

	static String difference(OrderFacts order, List<Edge> edges) {
		for (Edge edge : edges) {
			if (!Objects.equals(edge.customer(), order.customerId())) {
				return "edge for " + edge.sku() + " from customer " + edge.customer() + ", not " + order.customerId();
			}
		}
		Map<String, Integer> expected = SkuQuantities.ofFacts(order);
		Map<String, Integer> actual = SkuQuantities.of(edges, Edge::sku, Edge::quantity);
		return expected.equals(actual) ? null : "edges " + actual + " ≠ lines " + expected;
	}

	record Edge(String customer, String sku, int quantity) {
	}
}
