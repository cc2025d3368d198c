package io.polyshop.checkout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads orders from the order transaction's tables, for projections and consistency checks. */
public interface PlacedOrders {

	Optional<OrderSnapshot> find(String orderId);

	/** Orders by id after {@code afterOrderId} (null: from the start), at most {@code limit}: for walking all orders. */
	List<OrderVersion> versionsAfter(String afterOrderId, int limit);

	/** The facts of the orders by id after {@code afterOrderId} (null: from the start), at most {@code limit}: the audit's walk. */
	List<OrderFacts> factsAfter(String afterOrderId, int limit);

	/** The status of each of those orders that exists (malformed or unknown ids are absent). */
	Map<String, String> statuses(Collection<String> orderIds);

	/**
	 * The units that open orders (payment pending: the only state that holds a reservation) hold of each of those
	 * SKUs; SKUs no open order holds are absent.
	 */
	Map<String, Integer> heldByOpenOrders(Collection<String> skus);

	/** What open orders hold, per SKU, for the SKUs after {@code afterSku} (null: from the start) in SKU order, at most {@code limit}. */
	List<Holding> holdingsAfter(String afterSku, int limit);

	/** Units of one SKU held by open orders. */
	record Holding(String sku, int quantity) {
	}

	/** Which state of an order is current: projections compare their copy's version with this. */
	record OrderVersion(String orderId, int version) {
	}
}
