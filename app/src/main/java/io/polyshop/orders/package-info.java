/**
 * Completed orders as one nested document each in the MongoDB-wire-protocol store, projected from checkout's events, for order history and support.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders", allowedDependencies = { "audit", "checkout", "customer", "shared" })
package io.polyshop.orders;
