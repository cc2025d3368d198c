/**
 * Operations: the health of each store, where each store lives and what it holds ({@code GET /api/admin/stores}),
 * and the start-up banner. Reads every store, owns none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package io.polyshop.operations;
