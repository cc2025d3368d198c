package io.polyshop.audit;

/**
 * One cross-store invariant, checked (and repaired, when {@link AuditTally#repair()} and the source of truth is
 * clear) by the module that owns the data. Implementations walk their data in keyset batches of
 * {@link AuditTally#batchSize()}, so memory stays flat however much data there is, and report every item checked
 * and every drift to the tally. Beans are run in their {@code @Order}.
 */
public interface AuditCheck {

	/** A short stable name, e.g. {@code order-documents}: the key in reports and in the metrics. */
	String invariant();

	/** What is compared with what, for the report. */
	String description();

	void run(AuditTally tally);
}
