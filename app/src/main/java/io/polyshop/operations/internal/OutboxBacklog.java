package io.polyshop.operations.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The event publications that no listener has completed yet, read from Spring Modulith's registry table
 * ({@code event_publication}, the transactional outbox). Read-only: Modulith owns the rows. Ages are measured with
 * the database's clock, the one that stamped the publications.
 */
@Component
class OutboxBacklog {

	static final int OLDEST_SHOWN = 50;

	private final JdbcTemplate jdbc;

	OutboxBacklog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** How many publications wait, and how long the oldest has waited; cheap (a partial index covers it). */
	OutboxSummary summary() {
		return jdbc.queryForObject("""
				SELECT count(*) AS incomplete,
				       EXTRACT(EPOCH FROM (now() - min(publication_date))) AS oldest_age
				FROM event_publication WHERE completion_date IS NULL""",
				(row, n) -> new OutboxSummary(row.getLong("incomplete"), ageOrNull(row.getObject("oldest_age"))));
	}

	/** The summary and the oldest incomplete publications, oldest first. */
	OutboxView backlog() {
		List<PendingPublication> oldest = jdbc.query("""
				SELECT id, listener_id, event_type, publication_date, completion_attempts, status, last_resubmission_date,
				       EXTRACT(EPOCH FROM (now() - publication_date)) AS age
				FROM event_publication WHERE completion_date IS NULL
				ORDER BY publication_date LIMIT ?""",
				(row, n) -> new PendingPublication(row.getString("id"), row.getString("listener_id"), row.getString("event_type"),
						row.getTimestamp("publication_date").toInstant(), ageOrNull(row.getObject("age")),
						row.getInt("completion_attempts"), row.getString("status"),
						row.getTimestamp("last_resubmission_date") == null ? null : row.getTimestamp("last_resubmission_date").toInstant()),
				OLDEST_SHOWN);
		return new OutboxView(summary(), oldest);
	}

	private static Long ageOrNull(Object seconds) {
		return seconds == null ? null : Math.max(0, ((Number) seconds).longValue());
	}

	/** @param oldestAgeSeconds null when nothing waits */
	record OutboxSummary(long incomplete, Long oldestAgeSeconds) {
	}

	record OutboxView(OutboxSummary summary, List<PendingPublication> oldest) {
	}

	/** @param status Modulith's status (PUBLISHED, PROCESSING, FAILED, RESUBMITTED), null for rows written before it had one */
	record PendingPublication(String id, String listenerId, String eventType, Instant publicationDate, Long ageSeconds,
			int completionAttempts, String status, Instant lastResubmissionDate) {
	}
}
