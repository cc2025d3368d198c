package io.polyshop.operations.internal;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Cross-store catch-up. An event listener that failed (its store was down) or never ran (the instance crashed
 * after the PostgreSQL commit, or stopped with the task still queued) leaves its publication incomplete in the
 * outbox; this resubmits them on a short schedule, on one instance of the cluster at a time, until they succeed,
 * each when its {@link RedeliveryBackoff} says it is due (seconds after a first failure, then ever less often). Start-up resubmission is Spring Modulith's own
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}). Listeners are idempotent, so a
 * publication delivered twice changes nothing.
 * <p>
 * Two gaps of Spring Modulith 2.0.3's JDBC registry are closed here: its resubmission takes only FAILED rows, so
 * rows left PROCESSING, PUBLISHED or RESUBMITTED by a dead instance would wait for a restart; they are marked
 * FAILED once stale (by their last attempt, not their publication date, so a row resubmitted a moment ago is left
 * alone). And its read limit is {@code batchSize - currentlyResubmitted}, negative (an SQL error that stops all
 * resubmission) past the batch size unless the in-flight maximum is set to the batch size, as here.
 */
@Component
class OutboxResubmission {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);
	static final int BATCH = 500;

	private final IncompleteEventPublications incomplete;
	private final JdbcTemplate jdbc;
	private final RedeliveryBackoff backoff;
	private final Duration staleAfter;

	OutboxResubmission(IncompleteEventPublications incomplete, JdbcTemplate jdbc,
			@Value("${polyshop.outbox.resubmit-min-age:1s}") Duration minAge,
			@Value("${polyshop.outbox.resubmit-max-delay:2m}") Duration maxDelay,
			@Value("${polyshop.outbox.stale-after:2m}") Duration staleAfter) {
		this.incomplete = incomplete;
		this.jdbc = jdbc;
		this.backoff = new RedeliveryBackoff(minAge, maxDelay);
		this.staleAfter = staleAfter;
	}

	@Scheduled(fixedDelayString = "${polyshop.outbox.resubmit-interval:2s}", initialDelayString = "${polyshop.outbox.resubmit-interval:2s}")
	@SchedulerLock(name = "operations.outbox-resubmission", lockAtLeastFor = "${polyshop.outbox.resubmit-interval:2s}",
			lockAtMostFor = "${polyshop.outbox.resubmit-interval:2s}")
	void resubmitIncompletePublications() {
		try {
			int stale = markStaleAsFailed();
			if (stale > 0) {
				log.warn("{} event publications were stuck in progress (an instance died or stopped mid-delivery); retrying them", stale);
			}
			incomplete.resubmitIncompletePublications(options());
		}
		catch (RuntimeException e) { // PostgreSQL itself down: next round
			log.warn("Could not resubmit incomplete event publications: {}", e.toString());
		}
	}

	/** The in-flight maximum equals the batch size, so the registry's read limit is never below one. */
	static ResubmissionOptions options(Duration minAge) {
		return ResubmissionOptions.defaults().withMinAge(minAge).withBatchSize(BATCH).withMaxInFlight(BATCH);
	}

	/** The registry reads failed rows older than the first delay; the backoff then keeps only those due now. */
	private ResubmissionOptions options() {
		return options(backoff.first()).withFilter(publication -> backoff.due(publication, Instant.now()));
	}

	/** Incomplete rows whose last delivery attempt began longer ago than {@code stale-after} become FAILED: retriable. */
	int markStaleAsFailed() {
		return jdbc.update("""
				UPDATE event_publication SET status = 'FAILED'
				WHERE completion_date IS NULL AND status IN ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
				  AND coalesce(last_resubmission_date, publication_date) < now() - ? * INTERVAL '1 millisecond'""",
				staleAfter.toMillis());
	}
}
