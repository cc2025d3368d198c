package io.polyshop.checkout.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

import io.polyshop.checkout.OrderStatus;

/** The hot path's statements are plain SQL ({@link OrderStatements}); Spring Data derives the rest from the mapping on {@link Order}. */
interface Orders extends ListCrudRepository<Order, UUID>, OrderStatements {

	/** {@link OrderStatements#findById}: declared again because both parents declare it. */
	@Override
	Optional<Order> findById(UUID id);

	Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

	List<Order> findTop100ByStatusAndPlacedAtBefore(OrderStatus status, Instant placedBefore);
}
