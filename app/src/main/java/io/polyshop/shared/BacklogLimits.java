package io.polyshop.shared;

import java.time.Duration;

/**
 * When one more order may add its deliveries to the listener executor's queue: while fewer than {@code maxQueued}
 * deliveries wait and the oldest of them has waited less than {@code maxQueueDelay}. A count alone bounds the backlog
 * in publications, which is a different time at every delivery rate (100 queued: 0.6 s at 160 publications/s, 2.5 s
 * at 40); the oldest one's wait is that time itself (Little's law: backlog ÷ throughput = the time a publication
 * waits), whatever the rate. The count stays as a hard cap (memory, and a queue of deliveries too quick to age).
 */
record BacklogLimits(int maxQueued, Duration maxQueueDelay) {

	BacklogLimits {
		if (maxQueued < 1) {
			throw new IllegalArgumentException("polyshop.outbox.max-queued-deliveries must be at least 1: " + maxQueued);
		}
		if (maxQueueDelay.isNegative() || maxQueueDelay.isZero()) {
			throw new IllegalArgumentException("polyshop.outbox.max-queue-delay must be positive: " + maxQueueDelay);
		}
	}

	/** {@code oldestWaited}: how long the delivery at the head of the queue has waited (zero when none is queued). */
	boolean hasRoom(int queued, Duration oldestWaited) {
		return queued < maxQueued && oldestWaited.compareTo(maxQueueDelay) < 0;
	}
}
