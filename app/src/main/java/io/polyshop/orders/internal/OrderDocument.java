package io.polyshop.orders.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.ShippingAddress;
import io.polyshop.shared.Money;

/**
 * One order, nested and whole, as support and order history read it: lines with prices, address, payment and
 * the status timeline. A projection of the order rows in PostgreSQL, keyed by the order id.
 */
@Document("orders")
// order history (a customer's completed orders, newest first) and the admin list by status: each page is one index
// range read in order, stopping after the page
@CompoundIndex(name = "by_customer_status_newest_first", def = "{'customerId': 1, 'status': 1, 'placedAt': -1}")
@CompoundIndex(name = "by_status_newest_first", def = "{'status': 1, 'placedAt': -1}")
record OrderDocument(@Id String id, String customerId, String status, String cancelReason, Money total,
		List<OrderSnapshot.Line> lines, ShippingAddress shippingAddress, OrderSnapshot.Payment payment,
		List<OrderSnapshot.StatusChange> timeline, Instant placedAt, int version, Instant projectedAt) {

	static OrderDocument of(OrderSnapshot order, Instant now) {
		return new OrderDocument(order.orderId(), order.customerId(), order.status(), order.cancelReason(), order.total(),
				order.lines(), order.shippingAddress(), order.payment(), order.timeline(), order.placedAt(), order.version(), now);
	}
}
