package io.polyshop.checkout.internal;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;

/**
 * Open orders (neither completed nor cancelled: their units are taken from stock) against the inventory: every SKU they hold has a
 * stock row, so a cancellation can give the units back. Reported only. Stock on hand is decremented in the order's
 * own transaction and the inventory keeps no per-order reservation, so on-hand units cannot be reconciled with the
 * orders from the data alone (reserved-unit tracking would allow it).
 */
@Component
@Order(60)
class OpenOrderStockAudit implements AuditCheck {

	private final PlacedOrders placedOrders;
	private final Inventory inventory;

	OpenOrderStockAudit(PlacedOrders placedOrders, Inventory inventory) {
		this.placedOrders = placedOrders;
		this.inventory = inventory;
	}

	@Override
	public String invariant() {
		return "open-order-stock";
	}

	@Override
	public String description() {
		return "open orders (PostgreSQL) ↔ stock rows: every SKU an open order holds is in the inventory";
	}

	@Override
	public void run(AuditTally tally) {
		tally.note("Reported only. On-hand units are not reconciled with open orders: the inventory keeps no reserved units.");
		String after = null;
		for (List<OrderFacts> batch = placedOrders.factsAfter(null, tally.batchSize()); !batch.isEmpty();
				batch = placedOrders.factsAfter(after, tally.batchSize())) {
			List<OrderFacts> open = batch.stream().filter(OrderFacts::open).toList();
			Map<String, StockLevel> levels = inventory.findAll(open.stream().flatMap(o -> o.lines().stream()).map(OrderFacts.Line::sku).toList());
			for (OrderFacts order : open) {
				order.lines().stream().filter(line -> !levels.containsKey(line.sku())).forEach(line -> tally
						.drifted("order " + order.orderId() + " (" + order.status() + "): holds " + line.quantity() + " of " + line.sku() + ", which the inventory does not have"));
			}
			tally.checked(open.size());
			after = batch.get(batch.size() - 1).orderId();
		}
	}
}
