/**
 * SKUs, current prices with their history, stock on hand and reservations, in PostgreSQL (the source of truth for money and stock).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory", allowedDependencies = { "shared" })
package io.polyshop.inventory;
