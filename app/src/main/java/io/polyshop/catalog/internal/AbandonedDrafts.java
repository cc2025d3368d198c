package io.polyshop.catalog.internal;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

/**
 * Periodically finishes product creates that stopped half-way (a crash, a store that went away): see
 * {@link ProductWrites}. A draft must be older than {@code polyshop.catalog.drafts.max-age} first, far longer
 * than a create takes, so a create in flight is never touched. Safe with several instances: every step is
 * conditional on the draft's token.
 */
@Component
class AbandonedDrafts {

	private static final Logger log = LoggerFactory.getLogger(AbandonedDrafts.class);

	private final ProductWrites writes;
	private final Duration maxAge;
	private final Clock clock;

	AbandonedDrafts(ProductWrites writes, @Value("${polyshop.catalog.drafts.max-age:PT5M}") Duration maxAge, Clock clock) {
		this.writes = writes;
		this.clock = clock;
		this.maxAge = maxAge;
	}

	@Scheduled(initialDelayString = "${polyshop.catalog.drafts.cleanup-interval:PT1M}",
			fixedDelayString = "${polyshop.catalog.drafts.cleanup-interval:PT1M}")
	@SchedulerLock(name = "catalog.abandoned-drafts", lockAtLeastFor = "${polyshop.catalog.drafts.cleanup-interval:PT1M}",
			lockAtMostFor = "${polyshop.catalog.drafts.cleanup-interval:PT1M}")
	void resolve() {
		try {
			writes.resolveDraftsCreatedBefore(clock.instant().minus(maxAge));
		}
		catch (DataAccessException e) {
			log.warn("Draft cleanup skipped, a store did not answer: {}", e.toString());
		}
	}
}
