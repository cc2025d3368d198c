package io.polyshop.operations.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Completed event publications are kept for {@code polyshop.outbox.retention} (default 7 days) so a projection
 * (order documents, graph) can be replayed from them, then deleted in batches. The purge only ever takes rows that
 * are complete (a completion date and status COMPLETED) and older than the retention, through the completion-date
 * index, a bounded batch per statement so it never holds many row locks.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private final JdbcTemplate jdbc;
	private final Duration retention;
	private final int batch;

	OutboxRetention(JdbcTemplate jdbc, @Value("${polyshop.outbox.retention:7d}") Duration retention,
			@Value("${polyshop.outbox.purge-batch:1000}") int batch) {
		this.jdbc = jdbc;
		this.retention = retention;
		this.batch = batch;
	}

	@Scheduled(initialDelayString = "${polyshop.outbox.purge-first-run:2m}", fixedDelayString = "${polyshop.outbox.purge-interval:1h}")
	@SchedulerLock(name = "operations.outbox-retention", lockAtLeastFor = "${polyshop.outbox.purge-interval:1h}",
			lockAtMostFor = "${polyshop.outbox.purge-interval:1h}")
	void purgeScheduled() {
		try {
			purge();
		}
		catch (RuntimeException e) {
			log.warn("Outbox purge did not run: {}", e.toString());
		}
	}

	/** Deletes completed publications older than the retention, batch by batch; answers how many. */
	long purge() {
		long purged = 0;
		int deleted;
		do {
			deleted = jdbc.update("""
					DELETE FROM event_publication WHERE id IN (
					  SELECT id FROM event_publication
					  WHERE completion_date < now() - ? * INTERVAL '1 second' AND status = 'COMPLETED'
					  ORDER BY completion_date LIMIT ?)
					AND completion_date IS NOT NULL AND status = 'COMPLETED'""", retention.toSeconds(), batch);
			purged += deleted;
		}
		while (deleted == batch);
		if (purged > 0) {
			log.info("Purged {} completed event publications older than {}", purged, retention);
		}
		return purged;
	}
}
