package io.polyshop.checkout.internal;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.checkout.PlacedOrders.Holding;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.ReservedRecount;
import io.polyshop.inventory.StockLevel;

/**
 * Reserved stock against open orders, both in PostgreSQL: for every SKU, {@code reserved} equals the units that
 * orders still PAYMENT_PENDING hold of it, and neither on hand nor reserved is negative (nor reserved above on hand).
 * Open orders are the truth for reserved units (a reservation is made, released and taken in the transaction that
 * writes the order's status), so a wrong count is set back to theirs, under the SKU's row lock. Not repaired:
 * negative or inconsistent on-hand counts (only a stock count knows what the warehouse holds) and open orders holding
 * a SKU the inventory does not have.
 * <p>
 * Each batch of stock rows is compared with the open orders in one REPEATABLE READ snapshot, so checkouts running
 * meanwhile are never drift.
 */
@Component
@Order(60)
class ReservedStockAudit implements AuditCheck {

	private final PlacedOrders placedOrders;
	private final Inventory inventory;
	private final TransactionTemplate snapshot;

	ReservedStockAudit(PlacedOrders placedOrders, Inventory inventory, PlatformTransactionManager transactions) {
		this.placedOrders = placedOrders;
		this.inventory = inventory;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
	}

	@Override
	public String invariant() {
		return "reserved-stock";
	}

	@Override
	public String description() {
		return "stock rows ↔ open orders (PostgreSQL): reserved = units held by PAYMENT_PENDING orders, on hand ≥ reserved ≥ 0, "
				+ "every SKU an open order holds is in the inventory";
	}

	@Override
	public void run(AuditTally tally) {
		String after = null;
		while (true) {
			Batch batch = batchAfter(after, tally.batchSize());
			if (batch.levels().isEmpty()) {
				break;
			}
			for (StockLevel level : batch.levels()) {
				int held = batch.held().getOrDefault(level.sku(), 0);
				if (level.onHand() < 0 || level.reserved() < 0 || level.reserved() > level.onHand()) {
					tally.drifted("SKU " + level.sku() + ": on hand " + level.onHand() + ", reserved " + level.reserved()
							+ " (open orders hold " + held + ")");
					tally.note("Negative or inconsistent on-hand counts are reported only: a stock count must say what the warehouse holds.");
				}
				else if (level.reserved() != held) {
					tally.drifted("SKU " + level.sku() + ": reserved " + level.reserved() + ", open orders hold " + held);
					if (tally.repair()) {
						repair(level.sku(), tally);
					}
				}
			}
			tally.checked(batch.levels().size());
			after = batch.levels().get(batch.levels().size() - 1).sku();
		}
		String afterSku = null;
		for (List<Holding> holdings = placedOrders.holdingsAfter(null, tally.batchSize()); !holdings.isEmpty();
				holdings = placedOrders.holdingsAfter(afterSku, tally.batchSize())) {
			Map<String, StockLevel> levels = inventory.findAll(holdings.stream().map(Holding::sku).toList());
			for (Holding holding : holdings) {
				if (!levels.containsKey(holding.sku())) {
					tally.drifted("SKU " + holding.sku() + ": open orders hold " + holding.quantity() + ", the inventory does not have it");
					tally.note("Open orders holding a SKU the inventory lacks are reported only: their payment resolution cancels or refunds them.");
				}
			}
			tally.checked(holdings.size());
			afterSku = holdings.get(holdings.size() - 1).sku();
		}
	}

	private Batch batchAfter(String after, int size) {
		return snapshot.execute(status -> {
			List<StockLevel> levels = inventory.levelsAfter(after, size);
			return new Batch(levels, placedOrders.heldByOpenOrders(levels.stream().map(StockLevel::sku).toList()));
		});
	}

	private void repair(String sku, AuditTally tally) {
		ReservedRecount recount = inventory.recountReserved(sku,
				() -> placedOrders.heldByOpenOrders(List.of(sku)).getOrDefault(sku, 0)).orElse(null);
		if (recount == null) {
			return;
		}
		if (recount.corrected()) {
			tally.repaired();
		}
		else if (recount.heldByOrders() > recount.onHand()) {
			tally.note("Not repaired where open orders hold more than is on hand: the on-hand count must be corrected first.");
		}
	}

	private record Batch(List<StockLevel> levels, Map<String, Integer> held) {
	}
}
