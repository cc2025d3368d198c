package io.polyshop.operations.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.modulith.events.EventPublication;

/**
 * When a failed event publication is due for another delivery: {@code first} after the failed attempt, doubling with
 * each further attempt up to {@code max}. A projection that lost a race for a connection is retried within seconds;
 * one whose store stays down is retried ever less often instead of every round.
 */
record RedeliveryBackoff(Duration first, Duration max) {

	RedeliveryBackoff {
		if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
			throw new IllegalArgumentException("Redelivery backoff needs 0 < first (" + first + ") <= max (" + max + ")");
		}
	}

	/** The wait after the given number of delivery attempts (the first delivery counts as one). */
	Duration delayAfter(int attempts) {
		int doublings = Math.max(attempts, 1) - 1;
		if (doublings >= 31 || first.toMillis() << doublings >= max.toMillis()) {
			return max;
		}
		return first.multipliedBy(1L << doublings);
	}

	boolean due(EventPublication publication, Instant now) {
		Instant lastAttempt = publication.getLastResubmissionDate() != null
				? publication.getLastResubmissionDate() : publication.getPublicationDate();
		return !lastAttempt.plus(delayAfter(publication.getCompletionAttempts())).isAfter(now);
	}
}
