package io.polyshop.shared;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

	/**
	 * A waiting checkout is woken when a delivery leaves the queue; this is only the longest it sleeps without such a
	 * wake-up (a queue emptied some other way). Waiters used to poll every 2 ms: under load that was 10 % of the
	 * request threads' CPU (async-profiler, 2026-11-26).
	 */
	private static final long LONGEST_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final ObjectProvider<ThreadPoolTaskExecutor> executors;
	private final BacklogLimits limits;
	private final Duration maxWait;
	private final AtomicBoolean undatedSeen = new AtomicBoolean();
	private final ReentrantLock waitLock = new ReentrantLock();
	private final Condition deliveryTaken = waitLock.newCondition();
	private final AtomicInteger waiting = new AtomicInteger();
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
		return new Queued(task, System.nanoTime(), this::wakeOneWaiter);
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
		wakeWaiters(true);
		return dropped;
	}

	/** Returns once there is room for more deliveries; refuses with 503 if that takes too long. */
	public void awaitRoom() {
		if (hasRoom()) {
			return;
		}
		long deadline = System.nanoTime() + maxWait.toNanos();
		waitLock.lock();
		waiting.incrementAndGet(); // before looking again: a delivery taken after this look wakes us
		try {
			while (!hasRoom()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw busy();
				}
				deliveryTaken.awaitNanos(Math.min(left, LONGEST_SLEEP_NANOS));
			}
			deliveryTaken.signal(); // there is room now, maybe for the next waiter too: it looks for itself
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		finally {
			waiting.decrementAndGet();
			waitLock.unlock();
		}
	}

	/** A delivery left the queue: one waiter looks again (not all: most would find the same single place taken). */
	private void wakeOneWaiter() {
		wakeWaiters(false);
	}

	private void wakeWaiters(boolean all) {
		if (waiting.get() == 0) {
			return; // the common case, without taking the lock
		}
		waitLock.lock();
		try {
			if (all) {
				deliveryTaken.signalAll();
			}
			else {
				deliveryTaken.signal();
			}
		}
		finally {
			waitLock.unlock();
		}
	}

	private static Refusal busy() {
		return new Refusal(Refusal.Reason.UNAVAILABLE, "Busy recording orders",
				"Orders are coming in faster than they can be recorded in every store; nothing was charged or"
						+ " reserved. Try again in a moment with the same Idempotency-Key.");
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
		private final Runnable onStart;

		Queued(Runnable task, long since, Runnable onStart) {
			this.task = task;
			this.since = since;
			this.onStart = onStart;
		}

		@Override
		public void run() {
			onStart.run(); // it has left the queue
			task.run();
		}

		@Override
		public String toString() {
			return task.toString();
		}
	}
}
