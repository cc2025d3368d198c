/**
 * Where the four stores live: each one is either an embedded engine started by Polyshop itself (no URL
 * configured) or an external server or cluster (URL configured). Other modules only see
 * {@link io.polyshop.stores.StoreLocations}; how engines start and stop is internal.
 * <p>
 * The embedded document engine is a library of its own (Maven module {@code document-engine}, package
 * {@code io.polyshop.documentengine}); as it sits under the application's base package, Spring Modulith sees it as a
 * module, and this is the only module allowed to use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stores", allowedDependencies = { "shared", "documentengine" })
package io.polyshop.stores;
