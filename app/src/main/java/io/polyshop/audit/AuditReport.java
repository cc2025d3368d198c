package io.polyshop.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit run: {@code RUNNING} (with the invariant under way and the items checked so far), {@code DONE} or
 * {@code FAILED} (an invariant's check threw: its report carries the error, the others still ran).
 */
public record AuditReport(String id, String status, boolean repair, String trigger, Instant startedAt, Instant finishedAt,
		String current, long checkedSoFar, List<InvariantReport> invariants) {

	public long drifted() {
		return invariants.stream().mapToLong(InvariantReport::drifted).sum();
	}

	public long repaired() {
		return invariants.stream().mapToLong(InvariantReport::repaired).sum();
	}

	public boolean running() {
		return "RUNNING".equals(status);
	}
}
