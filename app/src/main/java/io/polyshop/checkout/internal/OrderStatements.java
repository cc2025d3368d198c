package io.polyshop.checkout.internal;

import java.util.Optional;
import java.util.UUID;

/**
 * Part of {@link Orders}: what every checkout does to an order, written as plain SQL. Through Spring Data's generic
 * aggregate support the same work was most of a checkout's request-thread CPU (async-profiler, 2026-11-26: loading
 * the locked order 12 %, inserting it 11 %, saving a settlement, which deletes and re-inserts every line and status
 * change, 10 %). The table mapping stays the one declared on {@link Order}.
 */
interface OrderStatements {

	/** Inserts a new order (from {@link Order#place}) with its lines and first status change. */
	Order insert(Order order);

	/** The order, whole. */
	Optional<Order> findById(UUID id);

	/** The order with its row locked until the transaction ends: settling steps on one order queue up. */
	Optional<Order> findLockedById(UUID id);

	/**
	 * Writes the order's status, references and reason and appends its new status changes, guarded by its version;
	 * the lines are never touched (they do not change after checkout).
	 *
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the order changed since it was read
	 */
	Order saveSettlement(Order order);
}
