package io.polyshop.checkout;

import java.util.Optional;

/** Reads orders from the order transaction's tables, for projections and consistency checks. */
public interface PlacedOrders {

	Optional<OrderSnapshot> find(String orderId);
}
