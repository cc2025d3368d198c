package io.polyshop.inventory.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.polyshop.inventory.NewStockItem;
import io.polyshop.inventory.PricePeriod;
import io.polyshop.inventory.StockChange;
import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.Money;
import io.polyshop.shared.Paging;

/**
 * The {@code stock_item} and {@code price_history} tables. Every change of stock is one guarded UPDATE: the
 * database decides atomically, under its row lock, whether the units are there, so there is no read-then-write
 * window for two buyers to slip through. {@code on_hand} is what the warehouse holds, {@code reserved} what open
 * orders hold of it; available is the difference. Callers own the transaction ({@link io.polyshop.inventory.Inventory}).
 */
@Repository
public class StockItems {

	private final JdbcClient jdbc;

	StockItems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<StockLevel> find(String sku) {
		return jdbc.sql("SELECT sku, price_amount, price_currency, on_hand, reserved FROM stock_item WHERE sku = ?")
				.param(sku).query(StockItems::stockLevel).optional();
	}

	public Map<String, StockLevel> findAll(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		Map<String, StockLevel> levels = new LinkedHashMap<>();
		jdbc.sql("SELECT sku, price_amount, price_currency, on_hand, reserved FROM stock_item WHERE sku = ANY (?) ORDER BY sku")
				.param(skus.toArray(String[]::new)).query(StockItems::stockLevel).list()
				.forEach(level -> levels.put(level.sku(), level));
		return levels;
	}

	public List<String> skusAfter(String afterSku, int limit) {
		return jdbc.sql("SELECT sku FROM stock_item WHERE sku > ? ORDER BY sku LIMIT ?").params(afterSku, limit)
				.query(String.class).list();
	}

	public List<StockLevel> levelsAfter(String afterSku, int limit) {
		return jdbc.sql("SELECT sku, price_amount, price_currency, on_hand, reserved FROM stock_item WHERE sku > ? ORDER BY sku LIMIT ?")
				.params(afterSku, limit).query(StockItems::stockLevel).list();
	}

	/** SKUs changed (price, stock, created) at or after {@code since}, oldest change first, keyset by (time, SKU). */
	public List<StockChange> changedSince(Instant since, String afterSku, int limit) {
		return jdbc.sql("""
				SELECT sku, updated_at FROM stock_item
				WHERE (updated_at, sku) > (?, ?)
				ORDER BY updated_at, sku LIMIT ?""")
				.params(java.sql.Timestamp.from(since), afterSku == null ? "" : afterSku, limit)
				.query((rs, row) -> new StockChange(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
	}

	public boolean exists(String sku) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM stock_item WHERE sku = ?)").param(sku).query(Boolean.class).single();
	}

	/**
	 * Inserts the items that are not there yet, each with its first price period, in two statements whatever the
	 * number of items; answers the SKUs it inserted (an existing SKU is left as it is).
	 */
	public List<String> insertNew(List<NewStockItem> items) {
		if (items.isEmpty()) {
			return List.of();
		}
		List<String> inserted = jdbc.sql("""
				INSERT INTO stock_item (sku, price_amount, price_currency, on_hand)
				SELECT * FROM unnest(?::text[], ?::numeric[], ?::text[], ?::int[])
				ON CONFLICT (sku) DO NOTHING
				RETURNING sku""")
				.param(items.stream().map(item -> item.sku().value()).toArray(String[]::new))
				.param(items.stream().map(item -> item.price().amount()).toArray(BigDecimal[]::new))
				.param(items.stream().map(item -> item.price().currency()).toArray(String[]::new))
				.param(items.stream().map(NewStockItem::onHand).toArray(Integer[]::new))
				.query(String.class).list();
		if (!inserted.isEmpty()) {
			jdbc.sql("""
					INSERT INTO price_history (sku, amount, currency, valid_from)
					SELECT sku, price_amount, price_currency, created_at FROM stock_item WHERE sku = ANY (?)""")
					.param(inserted.toArray(String[]::new)).update();
		}
		return inserted;
	}

	/** Reserves {@code quantity} units if that many are available (on hand, not reserved); answers whether it did. */
	public boolean reserve(String sku, int quantity) {
		return jdbc.sql("UPDATE stock_item SET reserved = reserved + ?, updated_at = now() WHERE sku = ? AND on_hand - reserved >= ?")
				.params(quantity, sku, quantity).update() == 1;
	}

	/** Gives reserved units back to available; answers whether that many were reserved. */
	public boolean release(String sku, int quantity) {
		return jdbc.sql("UPDATE stock_item SET reserved = reserved - ?, updated_at = now() WHERE sku = ? AND reserved >= ?")
				.params(quantity, sku, quantity).update() == 1;
	}

	/** Reserved units leave the warehouse (the order completed): off reserved and off on hand alike. */
	public boolean takeReserved(String sku, int quantity) {
		return jdbc.sql("""
				UPDATE stock_item SET reserved = reserved - ?, on_hand = on_hand - ?, updated_at = now()
				WHERE sku = ? AND reserved >= ?""")
				.params(quantity, quantity, sku, quantity).update() == 1;
	}

	/** The units reserved of a SKU, with its row locked until the transaction ends; empty when unknown. */
	public Optional<Integer> lockReserved(String sku) {
		return jdbc.sql("SELECT reserved FROM stock_item WHERE sku = ? FOR UPDATE").param(sku).query(Integer.class).optional();
	}

	/** The SKU's stock level, with its row locked until the transaction ends; empty when unknown. */
	public Optional<StockLevel> lock(String sku) {
		return jdbc.sql("SELECT sku, price_amount, price_currency, on_hand, reserved FROM stock_item WHERE sku = ? FOR UPDATE")
				.param(sku).query(StockItems::stockLevel).optional();
	}

	/** Sets the reserved units outright (the audit's correction, under the row's lock). */
	public boolean setReserved(String sku, int reserved) {
		return jdbc.sql("UPDATE stock_item SET reserved = ?, updated_at = now() WHERE sku = ?").params(reserved, sku).update() == 1;
	}

	public boolean setOnHand(String sku, int onHand) {
		return jdbc.sql("UPDATE stock_item SET on_hand = ?, updated_at = now() WHERE sku = ?").params(onHand, sku).update() == 1;
	}

	/** The current price, with the row locked until the transaction ends so price changes of one SKU queue up. */
	public Optional<Money> lockPrice(String sku) {
		return jdbc.sql("SELECT price_amount, price_currency FROM stock_item WHERE sku = ? FOR UPDATE").param(sku)
				.query((rs, row) -> money(rs, "price_amount", "price_currency")).optional();
	}

	/** Ends the current price period and opens a new one, at the transaction's timestamp. */
	public void changePrice(String sku, Money price) {
		jdbc.sql("UPDATE price_history SET valid_to = now() WHERE sku = ? AND valid_to IS NULL").param(sku).update();
		jdbc.sql("INSERT INTO price_history (sku, amount, currency, valid_from) VALUES (?, ?, ?, now())")
				.params(sku, price.amount(), price.currency()).update();
		jdbc.sql("UPDATE stock_item SET price_amount = ?, price_currency = ?, updated_at = now() WHERE sku = ?")
				.params(price.amount(), price.currency(), sku).update();
	}

	/** Price periods of a SKU, newest first. */
	public List<PricePeriod> priceHistory(String sku, Paging paging) {
		return jdbc.sql("""
				SELECT amount, currency, valid_from, valid_to FROM price_history WHERE sku = ?
				ORDER BY valid_from DESC, id DESC LIMIT ? OFFSET ?""")
				.params(sku, paging.size(), paging.offset())
				.query((rs, row) -> new PricePeriod(money(rs, "amount", "currency"), instant(rs, "valid_from"), instant(rs, "valid_to")))
				.list();
	}

	public long countPriceHistory(String sku) {
		return jdbc.sql("SELECT count(*) FROM price_history WHERE sku = ?").param(sku).query(Long.class).single();
	}

	private static StockLevel stockLevel(ResultSet rs, int row) throws SQLException {
		int onHand = rs.getInt("on_hand");
		int reserved = rs.getInt("reserved");
		return new StockLevel(rs.getString("sku"), money(rs, "price_amount", "price_currency"), onHand - reserved, onHand, reserved);
	}

	private static Money money(ResultSet rs, String amount, String currency) throws SQLException {
		return new Money(rs.getBigDecimal(amount), rs.getString(currency));
	}

	private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
