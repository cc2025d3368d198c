package io.polyshop.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a check counts what it checked, found and repaired. Keeps only a few samples, so a run over a million
 * drifted items stays small; logs progress at most every few seconds.
 */
public final class AuditTally {

	private static final Logger log = LoggerFactory.getLogger(AuditTally.class);
	static final int MAX_SAMPLES = 5;
	private static final long LOG_EVERY_NANOS = 5_000_000_000L;

	private final String invariant;
	private final boolean repair;
	private final int batchSize;
	private final AtomicLong checked = new AtomicLong();
	private final AtomicLong drifted = new AtomicLong();
	private final AtomicLong repaired = new AtomicLong();
	private final List<String> samples = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private long lastLog = System.nanoTime();

	AuditTally(String invariant, boolean repair, int batchSize) {
		this.invariant = invariant;
		this.repair = repair;
		this.batchSize = batchSize;
	}

	/** Whether this run repairs what it can, or only reports. */
	public boolean repair() {
		return repair;
	}

	public int batchSize() {
		return batchSize;
	}

	/** {@code count} more items were compared. */
	public void checked(long count) {
		long total = checked.addAndGet(count);
		long now = System.nanoTime();
		if (now - lastLog > LOG_EVERY_NANOS) {
			lastLog = now;
			log.info("Audit {}: {} checked, {} drifted, {} repaired so far", invariant, total, drifted.get(), repaired.get());
		}
	}

	/** One item has drifted; {@code sample} says which and how (kept for the report if among the first few). */
	public void drifted(String sample) {
		drifted.incrementAndGet();
		synchronized (samples) {
			if (samples.size() < MAX_SAMPLES) {
				samples.add(sample);
			}
		}
	}

	/** One drifted item was repaired. */
	public void repaired() {
		repaired.incrementAndGet();
	}

	/** A remark for the report (e.g. what this invariant never repairs, and why). Each distinct note once. */
	public void note(String note) {
		synchronized (notes) {
			if (!notes.contains(note)) {
				notes.add(note);
			}
		}
	}

	long checkedSoFar() {
		return checked.get();
	}

	InvariantReport report(String description, String error) {
		synchronized (samples) {
			return new InvariantReport(invariant, description, checked.get(), drifted.get(), repaired.get(),
					List.copyOf(samples), notes.isEmpty() ? null : String.join(" ", notes), error);
		}
	}
}
