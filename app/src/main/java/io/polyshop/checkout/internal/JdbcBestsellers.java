package io.polyshop.checkout.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.Bestsellers;

@Component
class JdbcBestsellers implements Bestsellers {

	private final JdbcClient jdbc;

	JdbcBestsellers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Bestseller> top(int limit) {
		return jdbc.sql("""
				SELECT l.sku, max(l.title) AS title, sum(l.quantity) AS units
				FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.status = 'COMPLETED'
				GROUP BY l.sku
				ORDER BY units DESC, l.sku
				LIMIT :limit""")
				.param("limit", Math.max(1, Math.min(limit, 100)))
				.query((rs, row) -> new Bestseller(rs.getString("sku"), rs.getString("title"), rs.getLong("units")))
				.list();
	}
}
