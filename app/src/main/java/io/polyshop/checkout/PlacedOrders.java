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

	/** Which state of an order is current: projections compare their copy's version with this. */
	record OrderVersion(String orderId, int version) {
	}
}
