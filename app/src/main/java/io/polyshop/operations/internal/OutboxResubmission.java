package io.polyshop.operations.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cross-store catch-up. An event listener that failed (its store was down) or never ran (the instance crashed
 * after the PostgreSQL commit) leaves its publication incomplete in the outbox; this resubmits those older than
 * a minimum age, on a schedule, until they succeed. Start-up resubmission is Spring Modulith's own
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}). Listeners are idempotent, so a
 * publication delivered twice (two instances resubmitting at once) changes nothing.
 */
@Component
class OutboxResubmission {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

	private final IncompleteEventPublications incomplete;
	private final Duration minAge;

	OutboxResubmission(IncompleteEventPublications incomplete,
			@Value("${polyshop.outbox.resubmit-min-age:30s}") Duration minAge) {
		this.incomplete = incomplete;
		this.minAge = minAge;
	}

	@Scheduled(fixedDelayString = "${polyshop.outbox.resubmit-interval:15s}", initialDelayString = "${polyshop.outbox.resubmit-interval:15s}")
	void resubmitIncompletePublications() {
		try {
			incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults().withMinAge(minAge).withBatchSize(500));
		}
		catch (RuntimeException e) { // PostgreSQL itself down: next round
			log.warn("Could not resubmit incomplete event publications: {}", e.toString());
		}
	}
}
