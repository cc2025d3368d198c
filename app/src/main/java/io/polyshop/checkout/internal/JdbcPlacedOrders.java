package io.polyshop.checkout.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.PlacedOrders;

@Component
class JdbcPlacedOrders implements PlacedOrders {

	private final Orders orders;
	private final JdbcClient jdbc;

	JdbcPlacedOrders(Orders orders, JdbcClient jdbc) {
		this.orders = orders;
		this.jdbc = jdbc;
	}

	@Override
	public List<OrderVersion> versionsAfter(String afterOrderId, int limit) {
		return jdbc.sql("SELECT id, version FROM orders WHERE id > :after ORDER BY id LIMIT :limit")
				// PostgreSQL orders uuids as unsigned bytes: the nil uuid is the smallest (Java's signed
				// new UUID(Long.MIN_VALUE, Long.MIN_VALUE) is 80000000-..., which skipped every id below it)
				.param("after", afterOrderId == null ? new UUID(0, 0) : UUID.fromString(afterOrderId))
				.param("limit", limit)
				.query((rs, row) -> new OrderVersion(rs.getString("id"), rs.getInt("version")))
				.list();
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
