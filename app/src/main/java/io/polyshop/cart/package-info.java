/**
 * One cart per customer or anonymous session, as a Redis hash with expiry; prices are always read from inventory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cart", allowedDependencies = { "catalog", "customer", "inventory", "shared" })
package io.polyshop.cart;
