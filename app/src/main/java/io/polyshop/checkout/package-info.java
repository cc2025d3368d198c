/**
 * The order transaction in PostgreSQL: stock decrement, order and lines with price snapshot, payment state, and the OrderPlaced event recorded in the same transaction (the outbox).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkout", allowedDependencies = { "audit", "cart", "customer", "inventory", "stores", "shared" })
package io.polyshop.checkout;
