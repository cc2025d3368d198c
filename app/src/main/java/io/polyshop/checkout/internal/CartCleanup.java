package io.polyshop.checkout.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;
import io.polyshop.checkout.OrderCompleted;

/** After an order completes, what it bought leaves the customer's cart (Redis); once per order, however often delivered. */
@Component
class CartCleanup {

	private final Carts carts;

	CartCleanup(Carts carts) {
		this.carts = carts;
	}

	@ApplicationModuleListener
	void on(OrderCompleted order) {
		Map<String, Integer> bought = new LinkedHashMap<>();
		order.lines().forEach(line -> bought.merge(line.sku(), line.quantity(), Integer::sum));
		carts.removeCheckedOut(CartOwner.customer(order.customerId()), order.orderId(), bought);
	}
}
