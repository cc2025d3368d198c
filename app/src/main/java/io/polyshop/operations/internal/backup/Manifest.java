package io.polyshop.operations.internal.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The archive's table of contents, its last entry: which application schema the PostgreSQL tables follow, the
 * PostgreSQL snapshot every table was read at, and each entry with its record count, size and SHA-256, so that a
 * restore can refuse a damaged archive before it writes anything.
 */
public record Manifest(int format, Instant createdAt, String schemaVersion, String postgresSnapshot, Instant postgresSnapshotAt,
		List<Entry> entries, double seconds) {

	public static final int FORMAT = 1;
	public static final String NAME = "manifest.json";

	public record Entry(String name, String store, long records, long bytes, String sha256) {
	}

	/** Records per store, for summaries. */
	public Map<String, Long> recordsPerStore() {
		Map<String, Long> records = new TreeMap<>();
		entries.forEach(entry -> records.merge(entry.store(), entry.records(), Long::sum));
		return records;
	}

	public long bytes() {
		return entries.stream().mapToLong(Entry::bytes).sum();
	}
}
