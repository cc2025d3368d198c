package io.polyshop.orders.internal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as drift between an order row and its document. */
class OrderDocumentsAuditTest {

	private static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");
	private final OrderFacts order = new OrderFacts("o-1", "c-1", "COMPLETED", 3, Money.of("10.00", "EUR"), AT, AT,
			List.of(new OrderFacts.Line("SKU-1", "One", 2, Money.of("5.00", "EUR"))));

	@Test
	void anEqualDocumentIsNoDrift() {
		assertThat(OrderDocumentsAudit.difference(order, document(3, "COMPLETED", "10.0", 2))).isNull();
	}

	@Test
	void everyDifferenceIsNamed() {
		assertThat(OrderDocumentsAudit.difference(order, null)).isEqualTo("no document");
		assertThat(OrderDocumentsAudit.difference(order, document(2, "COMPLETED", "10.00", 2))).contains("version 2");
		assertThat(OrderDocumentsAudit.difference(order, document(3, "PLACED", "10.00", 2))).contains("status PLACED");
		assertThat(OrderDocumentsAudit.difference(order, document(3, "COMPLETED", "11.00", 2))).contains("total");
		assertThat(OrderDocumentsAudit.difference(order, document(3, "COMPLETED", "10.00", 1))).contains("lines differ");
	}

	private static OrderDocument document(int version, String status, String total, int quantity) {
		return new OrderDocument("o-1", "c-1", status, null, Money.of(total, "EUR"),
				List.of(new OrderSnapshot.Line("SKU-1", "One", quantity, Money.of("5.00", "EUR"), Money.of("10.00", "EUR"))), null, null,
				List.of(), AT, version, AT);
	}
}
