package io.polyshop.social.internal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.polyshop.checkout.OrderFacts;
import io.polyshop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** A completed order's PURCHASED edges: one per SKU, from its customer, with the summed quantity. */
class PurchasedEdgesAuditTest {

	private final OrderFacts order = new OrderFacts("o-1", "c-1", "COMPLETED", 2, Money.of("3.00", "EUR"), Instant.EPOCH, Instant.EPOCH,
			List.of(line("A", 1), line("B", 1), line("A", 1)));

	@Test
	void oneEdgePerSkuWithTheSummedQuantityIsNoDrift() {
		assertThat(PurchasedEdgesAudit.difference(order, List.of(edge("c-1", "A", 2), edge("c-1", "B", 1)))).isNull();
	}

	@Test
	void aMissingAnExtraAWrongQuantityOrAWrongCustomerIsDrift() {
		assertThat(PurchasedEdgesAudit.difference(order, List.of(edge("c-1", "A", 2)))).isNotNull();
		assertThat(PurchasedEdgesAudit.difference(order, List.of(edge("c-1", "A", 2), edge("c-1", "B", 1), edge("c-1", "C", 1)))).isNotNull();
		assertThat(PurchasedEdgesAudit.difference(order, List.of(edge("c-1", "A", 1), edge("c-1", "B", 1)))).isNotNull();
		assertThat(PurchasedEdgesAudit.difference(order, List.of(edge("c-2", "A", 2), edge("c-1", "B", 1)))).contains("c-2");
	}

	private static OrderFacts.Line line(String sku, int quantity) {
		return new OrderFacts.Line(sku, sku, quantity, Money.of("1.00", "EUR"));
	}

	private static PurchasedEdgesAudit.Edge edge(String customer, String sku, int quantity) {
		return new PurchasedEdgesAudit.Edge(customer, sku, quantity);
	}
}
