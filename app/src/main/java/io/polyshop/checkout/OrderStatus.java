package io.polyshop.checkout;

/** The states of an order, in the order they are reached; the order documents and the admin API name them too. */
public enum OrderStatus {

	PAYMENT_PENDING, PAID, COMPLETED, CANCELLED;

	/** Stock reserved, the charge's outcome not yet known: the in-doubt resolver's work. */
	public boolean open() {
		return this == PAYMENT_PENDING;
	}

	/** A final state, reached only together with an event of its own (OrderCompleted, OrderCancelled). */
	public boolean settled() {
		return this == COMPLETED || this == CANCELLED;
	}

	/** The status named so, if there is one (a status from a request or a stored document). */
	public static java.util.Optional<OrderStatus> named(String name) {
		for (OrderStatus status : values()) {
			if (status.name().equals(name)) {
				return java.util.Optional.of(status);
			}
		}
		return java.util.Optional.empty();
	}
}
