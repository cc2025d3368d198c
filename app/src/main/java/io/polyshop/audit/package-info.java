/**
 * The cross-store audit: every invariant between the source of truth and the stores that copy it, checked in
 * keyset batches, repaired where the source of truth is clear, reported per invariant. The checks themselves
 * belong to the modules that own the data ({@link io.polyshop.audit.AuditCheck} beans in their internal
 * packages); this module only runs them, keeps the reports and publishes the metrics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = { "shared" })
package io.polyshop.audit;
