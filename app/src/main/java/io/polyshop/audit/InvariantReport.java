package io.polyshop.audit;

import java.util.List;

/**
 * What the audit found for one invariant: how many items it checked, how many had drifted, how many of those it
 * repaired, a few samples of the drift, and a note (what is not repaired, and why), or the error that stopped it.
 */
public record InvariantReport(String invariant, String description, long checked, long drifted, long repaired,
		List<String> samples, String note, String error) {
}
