package io.polyshop.shared;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Back-pressure from the outbox to new orders. Every module event is delivered by the application's task executor
 * after its transaction commits. When orders arrive faster than their projections are written, the executor's queue
 * (and the outbox's incomplete publications with it) would grow without bound, and every projection would lag further
 * behind (measured: 2,955 incomplete publications at 19 orders/s, still 405 five seconds after the load stopped).
 * Work that publishes events first waits here while there is no room ({@link BacklogLimits}: too many deliveries
 * queued, or the oldest queued one has waited too long), outside any transaction, so it holds no connection the
 * deliveries need; after {@code queue-wait} it is refused with 503 and Retry-After. The default delay limit and why
 * it is what it is: application.yaml, {@code polyshop.outbox.max-queue-delay}.
 * <p>
 * To know how long a queued delivery has waited, this is also the executor's {@link TaskDecorator} (Boot's
 * auto-configured executors take every such bean): each task is wrapped with the time it was handed over. The
 * scheduler's tasks are wrapped too; nothing reads their time.
 */
@Component
public class ListenerBacklog implements TaskDecorator {

	private static final Logger log = LoggerFactory.getLogger(ListenerBacklog.class);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ObjectProvider<ThreadPoolTaskExecutor> executors;
	private final BacklogLimits limits;
	private final Duration maxWait;
	private final AtomicBoolean undatedSeen = new AtomicBoolean();
	private volatile BlockingQueue<Runnable> queue;

	ListenerBacklog(ObjectProvider<ThreadPoolTaskExecutor> executors,
			@Value("${polyshop.outbox.max-queued-deliveries:100}") int maxQueued,
			@Value("${polyshop.outbox.max-queue-delay:300ms}") Duration maxQueueDelay,
			@Value("${polyshop.outbox.queue-wait:2s}") Duration maxWait) {
		this.executors = executors;
		this.limits = new BacklogLimits(maxQueued, maxQueueDelay);
		this.maxWait = maxWait;
	}

	@Override
	public Runnable decorate(Runnable task) {
		return new Queued(task, System.nanoTime());
	}

	/** Deliveries waiting for a listener thread now. */
	public int queued() {
		BlockingQueue<Runnable> queue = queue();
		return queue == null ? 0 : queue.size();
	}

	/** How long the oldest delivery still waiting for a listener thread has waited; zero when none waits. */
	public Duration oldestWaited() {
		BlockingQueue<Runnable> queue = queue();
		return queue == null ? Duration.ZERO : oldestWaited(queue);
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

	/** Returns once there is room for more deliveries; refuses with 503 if that takes too long. */
	public void awaitRoom() {
		if (hasRoom()) {
			return;
		}
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (!hasRoom()) {
			if (System.nanoTime() - deadline > 0) {
				throw new Refusal(Refusal.Reason.UNAVAILABLE, "Busy recording orders",
						"Orders are coming in faster than they can be recorded in every store; nothing was charged or"
								+ " reserved. Try again in a moment with the same Idempotency-Key.");
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	private boolean hasRoom() {
		BlockingQueue<Runnable> queue = queue();
		return queue == null || limits.hasRoom(queue.size(), oldestWaited(queue));
	}

	/** The listener executor's queue, or none in an application without one. */
	private BlockingQueue<Runnable> queue() {
		BlockingQueue<Runnable> known = queue;
		if (known == null) {
			// looked up once: every checkout waiting here polls every 2 ms, and the bean lookup was 7 % of all the
			// allocation under load (JFR, 2026-11-26)
			ThreadPoolTaskExecutor executor = executors.getIfUnique();
			known = executor == null ? null : executor.getThreadPoolExecutor().getQueue();
			queue = known;
		}
		return known;
	}

	private Duration oldestWaited(BlockingQueue<Runnable> queue) {
		Runnable oldest = queue.peek();
		if (oldest instanceof Queued queued) {
			return Duration.ofNanos(System.nanoTime() - queued.since);
		}
		if (oldest != null && undatedSeen.compareAndSet(false, true)) {
			// another TaskDecorator wrapped ours (Boot applies them in order, the last outermost)
			log.warn("The listener executor queues tasks without the time they were queued ({}): checkouts are held back"
					+ " by polyshop.outbox.max-queued-deliveries only", oldest.getClass().getName());
		}
		return Duration.ZERO;
	}

	/** A task and when it was handed to the executor (nanoTime), so its wait in the queue can be read. */
	private static final class Queued implements Runnable {

		private final Runnable task;
		private final long since;

		Queued(Runnable task, long since) {
			this.task = task;
			this.since = since;
		}

		@Override
		public void run() {
			task.run();
		}

		@Override
		public String toString() {
			return task.toString();
		}
	}
}
