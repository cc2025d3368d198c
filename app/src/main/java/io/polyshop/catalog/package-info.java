/**
 * Product documents (title, description, category, free-form attributes, images) in the MongoDB-wire-protocol store; product pages are composed with inventory's price and stock.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog", allowedDependencies = { "audit", "inventory", "shared" })
package io.polyshop.catalog;
