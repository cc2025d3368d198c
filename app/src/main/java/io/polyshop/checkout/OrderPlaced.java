package io.polyshop.checkout;

/**
 * An order was placed: its stock is taken and its rows are in PostgreSQL. Recorded in the outbox in the same
 * transaction as the order itself, so it exists exactly when the order does.
 */
public record OrderPlaced(String orderId, String customerId) {
}
