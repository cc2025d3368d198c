package io.polyshop.checkout.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;
import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.checkout.SkuQuantities;

/**
 * Completed orders (PostgreSQL) against carts (Redis): what a completed order bought has left its customer's cart,
 * i.e. the cart, if there is one, recorded the order as checked out. Repairs by running the clean-up, which is once
 * per order. Only orders completed within the customer cart lifetime are checked: the cart's record of checked-out
 * orders expires with it, so for older orders the absence of the record proves nothing.
 */
@Component
@Order(50)
class CartCleanupAudit implements AuditCheck {

	private final PlacedOrders placedOrders;
	private final Carts carts;
	private final Clock clock;
	private final Duration cartLifetime;

	CartCleanupAudit(PlacedOrders placedOrders, Carts carts, Clock clock,
			@Value("${polyshop.cart.customer-ttl:30d}") Duration cartLifetime) {
		this.placedOrders = placedOrders;
		this.carts = carts;
		this.clock = clock;
		this.cartLifetime = cartLifetime;
	}

	@Override
	public String invariant() {
		return "carts-cleaned";
	}

	@Override
	public String description() {
		return "completed orders (PostgreSQL) ↔ carts (Redis): what an order bought has left the customer's cart";
	}

	@Override
	public void run(AuditTally tally) {
		tally.note("Orders completed more than the cart lifetime (" + cartLifetime + ") ago are not checked.");
		Instant oldest = clock.instant().minus(cartLifetime).plus(Duration.ofHours(1));
		String after = null;
		for (List<OrderFacts> batch = placedOrders.factsAfter(null, tally.batchSize()); !batch.isEmpty();
				batch = placedOrders.factsAfter(after, tally.batchSize())) {
			Map<String, OrderFacts> recent = new LinkedHashMap<>();
			batch.stream().filter(OrderFacts::completed)
					.filter(order -> (order.completedAt() != null ? order.completedAt() : order.placedAt()).isAfter(oldest))
					.forEach(order -> recent.put(order.orderId(), order));
			Map<String, CartOwner> owners = new LinkedHashMap<>();
			recent.values().forEach(order -> owners.put(order.orderId(), CartOwner.customer(order.customerId())));
			Set<String> left = owners.isEmpty() ? Set.of() : carts.notCheckedOut(owners);
			for (String orderId : left) {
				OrderFacts order = recent.get(orderId);
				tally.drifted("order " + orderId + ": the cart of customer " + order.customerId() + " was not cleaned up");
				if (tally.repair()) {
					carts.removeCheckedOut(CartOwner.customer(order.customerId()), orderId, SkuQuantities.ofFacts(order));
					tally.repaired();
				}
			}
			tally.checked(recent.size());
			after = batch.get(batch.size() - 1).orderId();
		}
	}
}
