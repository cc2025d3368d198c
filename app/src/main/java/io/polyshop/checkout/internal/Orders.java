package io.polyshop.checkout.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Orders extends ListCrudRepository<Order, UUID> {

	Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

	List<Order> findTop100ByStatusAndPlacedAtBefore(Order.Status status, Instant placedBefore);
}
