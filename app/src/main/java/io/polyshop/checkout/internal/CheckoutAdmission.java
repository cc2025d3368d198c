package io.polyshop.checkout.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.polyshop.shared.Refusal;

/**
 * A bulkhead in front of checkout's PostgreSQL transactions. Checkouts of one SKU queue on its stock row; unbounded,
 * a burst of them (100 customers at once) held every pooled connection while waiting for that lock, so the outbox's
 * deliveries could not get one within the pool's time-out, failed, and could not even be marked failed: their
 * projections waited minutes. At most {@code max-concurrent-transactions} checkout transactions run at once (half the
 * pool by default); the others wait here holding no connection, and give up with 503 after {@code queue-wait}. Only
 * the placing transaction is admitted here: the payment call and the settling transaction come after it, and a
 * checkout that has charged a card is never turned away.
 */
@Component
class CheckoutAdmission {

	private final Semaphore permits;
	private final Duration maxWait;

	CheckoutAdmission(@Value("${polyshop.checkout.max-concurrent-transactions:10}") int maxConcurrent,
			@Value("${polyshop.outbox.queue-wait:2s}") Duration maxWait) {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("polyshop.checkout.max-concurrent-transactions must be at least 1: " + maxConcurrent);
		}
		this.permits = new Semaphore(maxConcurrent, true);
		this.maxWait = maxWait;
	}

	/** Runs {@code work} once fewer than the maximum of checkout transactions run; 503 if that takes too long. */
	<T> T admit(Supplier<T> work) {
		try {
			if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw busy();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		try {
			return work.get();
		}
		finally {
			permits.release();
		}
	}

	int available() {
		return permits.availablePermits();
	}

	private static Refusal busy() {
		return new Refusal(Refusal.Reason.UNAVAILABLE, "Busy taking orders",
				"Too many checkouts at once; nothing was charged or reserved. Try again in a moment with the same Idempotency-Key.");
	}
}
