/**
 * Where the four stores live: each one is either an embedded engine started by Polyshop itself (no URL
 * configured) or an external server or cluster (URL configured). Other modules only see
 * {@link io.polyshop.stores.StoreLocations}; how engines start and stop is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stores", allowedDependencies = { "shared" })
package io.polyshop.stores;
