package io.polyshop.checkout.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.PlacedOrders;

@Component
class JdbcPlacedOrders implements PlacedOrders {

	private final Orders orders;

	JdbcPlacedOrders(Orders orders) {
		this.orders = orders;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OrderSnapshot> find(String orderId) {
		try {
			return orders.findById(UUID.fromString(orderId)).map(Order::snapshot);
		}
		catch (IllegalArgumentException notAnOrderId) {
			return Optional.empty();
		}
	}
}
