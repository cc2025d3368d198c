package io.polyshop.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.inventory.internal.StockItems;
import io.polyshop.shared.Money;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * Prices and stock, the source of truth for both (PostgreSQL). Stock on hand and reserved units are kept apart
 * (available = on hand - reserved). Reservations are guarded updates that join
 * the caller's transaction, so checkout can take stock, insert its order and record its event in one
 * PostgreSQL transaction, and a failure anywhere in it gives every unit back.
 */
@Service
public class Inventory {

	/** The most units one SKU can have on hand. */
	public static final int MAX_ON_HAND = 1_000_000;

	private static final Logger log = LoggerFactory.getLogger(Inventory.class);

	private final StockItems stockItems;

	Inventory(StockItems stockItems) {
		this.stockItems = stockItems;
	}

	@Transactional(readOnly = true)
	public Optional<StockLevel> find(String sku) {
		return stockItems.find(sku);
	}

	/** The stock levels of those SKUs the inventory knows; unknown SKUs are absent from the map. */
	@Transactional(readOnly = true)
	public Map<String, StockLevel> findAll(Collection<String> skus) {
		return stockItems.findAll(skus.stream().distinct().toList());
	}

	/**
	 * SKUs whose price or stock changed at or after {@code since} (strictly after {@code afterSku} at that instant),
	 * oldest first: a change feed for copies of price and stock kept elsewhere (the search index).
	 */
	@Transactional(readOnly = true)
	public List<StockChange> changedSince(Instant since, String afterSku, int limit) {
		return stockItems.changedSince(since, afterSku, limit);
	}

	/** Stock levels of the SKUs after {@code afterSku} (null: from the start) in SKU order, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<StockLevel> levelsAfter(String afterSku, int limit) {
		return stockItems.levelsAfter(afterSku == null ? "" : afterSku, limit);
	}

	@Transactional(readOnly = true)
	public boolean exists(String sku) {
		return stockItems.exists(sku);
	}

	/** SKUs after {@code afterSku} (null: from the start) in SKU order, at most {@code limit}: for walking the inventory. */
	@Transactional(readOnly = true)
	public List<String> skusAfter(String afterSku, int limit) {
		return stockItems.skusAfter(afterSku == null ? "" : afterSku, limit);
	}

	/** Adds a SKU with its first price (which opens its price history); 409 if it exists. */
	@Transactional
	public StockLevel add(NewStockItem item) {
		if (stockItems.insertNew(List.of(item)).isEmpty()) {
			throw new DuplicateSku(item.sku().value());
		}
		return new StockLevel(item.sku().value(), item.price(), item.onHand(), item.onHand(), 0);
	}

	/** Adds many SKUs in one go (catalog loading); SKUs that exist are left alone. Answers the SKUs added. */
	@Transactional
	public List<String> addAll(List<NewStockItem> items) {
		return stockItems.insertNew(items);
	}

	/**
	 * Reserves the quantities, all or nothing: every line is a guarded update (never more than available), taken
	 * in SKU order so that two reservations of the same SKUs cannot deadlock. Reserved units stay on hand until
	 * {@link #takeReserved} (the order completed) or {@link #release} (cancelled). Joins the caller's transaction.
	 *
	 * @throws InsufficientStock naming every SKU that is short or unknown; the transaction then rolls back, so
	 *     no line of this reservation stays taken
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void reserve(Map<String, Integer> quantitiesBySku) {
		List<String> shortSkus = new ArrayList<>();
		inSkuOrder(quantitiesBySku).forEach((sku, quantity) -> {
			if (!stockItems.reserve(sku, quantity)) {
				shortSkus.add(sku);
			}
		});
		if (!shortSkus.isEmpty()) {
			throw new InsufficientStock(shortSkus);
		}
	}

	/**
	 * Gives reserved units back (compensation, e.g. after a declined payment); on hand is not touched, so an
	 * absolute stock count set meanwhile stays what it was. Joins the caller's transaction.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void release(Map<String, Integer> quantitiesBySku) {
		inSkuOrder(quantitiesBySku).forEach((sku, quantity) -> {
			if (!stockItems.release(sku, quantity)) {
				log.warn("Released {} units of {}, which were not reserved (SKU gone?); nothing to give back", quantity, sku);
			}
		});
	}

	/**
	 * Reserved units leave the warehouse: the order that held them completed. All or nothing.
	 *
	 * @return false (and nothing changed in this call's statements that matter: the caller rolls back) when a SKU is
	 *     gone or holds fewer reserved units than asked, i.e. the order can no longer be fulfilled
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public boolean takeReserved(Map<String, Integer> quantitiesBySku) {
		boolean all = true;
		for (Map.Entry<String, Integer> line : inSkuOrder(quantitiesBySku).entrySet()) {
			all &= stockItems.takeReserved(line.getKey(), line.getValue());
		}
		return all;
	}

	/** Sets a new current price and closes the previous price period in the same transaction. */
	@Transactional
	public StockLevel changePrice(Sku sku, Money price) {
		if (price.isNegative()) {
			throw new IllegalArgumentException("price must not be negative: " + price);
		}
		Money current = stockItems.lockPrice(sku.value()).orElseThrow(() -> new UnknownSku(sku.value()));
		if (!current.equals(price)) {
			stockItems.changePrice(sku.value(), price);
		}
		return stockItems.find(sku.value()).orElseThrow();
	}

	/**
	 * Sets the units on hand (after a stock count or a delivery), reserved units included: the count of what the
	 * warehouse holds. Never below what open orders hold ({@link StockBelowReserved}).
	 */
	@Transactional
	public StockLevel setOnHand(Sku sku, int onHand) {
		if (onHand < 0 || onHand > MAX_ON_HAND) {
			throw new IllegalArgumentException("onHand must be between 0 and " + MAX_ON_HAND + ": " + onHand);
		}
		int reserved = stockItems.lockReserved(sku.value()).orElseThrow(() -> new UnknownSku(sku.value()));
		if (onHand < reserved) {
			throw new StockBelowReserved(sku.value(), onHand, reserved);
		}
		stockItems.setOnHand(sku.value(), onHand);
		return stockItems.find(sku.value()).orElseThrow();
	}

	/**
	 * Sets a SKU's reserved units to what its open orders hold, counted by {@code heldByOpenOrders} while the SKU's row
	 * is locked: every reservation, release and completion of this SKU updates that row in the transaction that
	 * changes its order, so none can commit between the count and the correction. Not corrected when open orders
	 * hold more than is on hand (reserved never exceeds on hand: a stock count has to come first).
	 *
	 * @return empty when the SKU is unknown
	 */
	@Transactional
	public Optional<ReservedRecount> recountReserved(String sku, IntSupplier heldByOpenOrders) {
		Optional<StockLevel> locked = stockItems.lock(sku);
		if (locked.isEmpty()) {
			return Optional.empty();
		}
		StockLevel level = locked.get();
		int held = heldByOpenOrders.getAsInt();
		boolean correct = held != level.reserved() && held >= 0 && held <= level.onHand();
		if (correct) {
			stockItems.setReserved(sku, held);
			log.warn("Reserved units of {} corrected from {} to {}, what its open orders hold", sku, level.reserved(), held);
		}
		return Optional.of(new ReservedRecount(sku, level.onHand(), level.reserved(), held, correct));
	}

	/** Every price the SKU has had, newest first, each with its validity period. */
	@Transactional(readOnly = true)
	public PageView<PricePeriod> priceHistory(Sku sku, Paging paging) {
		if (!stockItems.exists(sku.value())) {
			throw new UnknownSku(sku.value());
		}
		return new PageView<>(stockItems.priceHistory(sku.value(), paging), paging.page(), paging.size(),
				stockItems.countPriceHistory(sku.value()));
	}

	private static TreeMap<String, Integer> inSkuOrder(Map<String, Integer> quantitiesBySku) {
		TreeMap<String, Integer> ordered = new TreeMap<>();
		quantitiesBySku.forEach((sku, quantity) -> {
			if (quantity == null || quantity < 1) {
				throw new IllegalArgumentException("quantity of " + sku + " must be at least 1: " + quantity);
			}
			ordered.put(sku, quantity);
		});
		return ordered;
	}
}
