/**
 * Operations: the health of each store, where each store lives and what it holds ({@code GET /api/admin/stores}),
 * the start-up banner, a heartbeat that times each store ({@code polyshop.store.latency}), and the operations
 * console's data ({@code GET /api/admin/console}, the outbox backlog at {@code GET /api/admin/outbox}).
 * Reads every store, owns none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations", allowedDependencies = { "audit", "checkout", "search", "stores", "shared" })
package io.polyshop.operations;
