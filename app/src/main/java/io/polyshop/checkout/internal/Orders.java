package io.polyshop.checkout.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

import io.polyshop.checkout.OrderStatus;

/** Orders are inserted whole by {@code save} and settled by {@link OrderSettlements#saveSettlement}. */
interface Orders extends ListCrudRepository<Order, UUID>, OrderSettlements {

	Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

	/** The order with its row locked until the transaction ends: settling steps on one order queue up. */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<Order> findLockedById(UUID id);

	List<Order> findTop100ByStatusAndPlacedAtBefore(OrderStatus status, Instant placedBefore);
}
