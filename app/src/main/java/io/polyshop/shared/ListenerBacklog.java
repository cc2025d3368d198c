package io.polyshop.shared;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Back-pressure from the outbox to new orders. Every module event is delivered by the application's task executor
 * after its transaction commits. When orders arrive faster than their projections are written, the executor's queue
 * (and the outbox's incomplete publications with it) would grow without bound, and every projection would lag further
 * behind (measured: 2,955 incomplete publications at 19 orders/s, still 405 five seconds after the load stopped).
 * Work that publishes events first waits here while the queue is full, outside any transaction, so it holds no
 * connection the deliveries need; after {@code queue-wait} it is refused with 503 and Retry-After.
 */
@Component
public class ListenerBacklog {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ObjectProvider<ThreadPoolTaskExecutor> executors;
	private final int limit;
	private final Duration maxWait;

	ListenerBacklog(ObjectProvider<ThreadPoolTaskExecutor> executors,
			@Value("${polyshop.outbox.max-queued-deliveries:100}") int limit,
			@Value("${polyshop.outbox.queue-wait:2s}") Duration maxWait) {
		this.executors = executors;
		this.limit = limit;
		this.maxWait = maxWait;
	}

	/** Deliveries waiting for a listener thread now. */
	public int queued() {
		BlockingQueue<Runnable> queue = queue();
		return queue == null ? 0 : queue.size();
	}

	/** At a stop: the deliveries still waiting are dropped (they stay incomplete in the outbox); answers how many. */
	int dropQueued() {
		BlockingQueue<Runnable> queue = queue();
		if (queue == null) {
			return 0;
		}
		int dropped = queue.size();
		queue.clear();
		return dropped;
	}

	/** The listener executor's queue, or none in an application without one. */
	private BlockingQueue<Runnable> queue() {
		ThreadPoolTaskExecutor executor = executors.getIfUnique();
		return executor == null ? null : executor.getThreadPoolExecutor().getQueue();
	}

	/** Returns once fewer than the limit of deliveries are queued; refuses with 503 if that takes too long. */
	public void awaitRoom() {
		if (queued() < limit) {
			return;
		}
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (queued() >= limit) {
			if (System.nanoTime() - deadline > 0) {
				throw new Refusal(Refusal.Reason.UNAVAILABLE, "Busy recording orders",
						"Orders are coming in faster than they can be recorded in every store; nothing was charged or"
								+ " reserved. Try again in a moment with the same Idempotency-Key.");
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}
}
