package io.polyshop.checkout.internal;

/** Part of {@link Orders}: stores what settling an order changes, and only that. */
interface OrderSettlements {

	/**
	 * Writes the order's status, references and reason and appends its new status changes, guarded by its version;
	 * the lines are never touched (they do not change after checkout). The repository's {@code save} would delete
	 * and re-insert every line and status change of the order: five statements and the most CPU of a checkout's
	 * request thread (async-profiler, 2026-11-26), for what is one update and one or two inserts.
	 *
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the order changed since it was read
	 */
	Order saveSettlement(Order order);
}
