package io.polyshop.operations.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.polyshop.stores.Store;

/**
 * Whether each store answers, asked with a deadline: health must answer within a second even when a store hangs
 * (a driver waiting for its connection timeout), so a probe that has not answered by then counts as DOWN while it
 * keeps running in the background. Answers are reused for {@code polyshop.operations.health-cache} (1 s), so a load
 * balancer polling health does not multiply the round trips; one probe per store runs at a time, and asking for one
 * store refreshes all the stale ones at once, so the four health components together also take under a second.
 */
@Component
class StoreStatuses {

	private final Map<Store, StoreProbe> probes = new EnumMap<>(Store.class);
	private final Map<Store, Probing> latest = new EnumMap<>(Store.class);
	private final Duration timeout;
	private final Duration cacheFor;
	private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "polyshop-store-probe");
		thread.setDaemon(true);
		return thread;
	});

	StoreStatuses(List<StoreProbe> probes, @Value("${polyshop.operations.health-timeout:800ms}") Duration timeout,
			@Value("${polyshop.operations.health-cache:1s}") Duration cacheFor) {
		probes.forEach(probe -> this.probes.put(probe.store(), probe));
		this.timeout = timeout;
		this.cacheFor = cacheFor;
	}

	/** The store's status, at most {@code health-cache} old, within {@code health-timeout}. */
	StoreStatus status(Store store) {
		Probing probing;
		synchronized (latest) {
			long now = System.nanoTime();
			for (Store each : probes.keySet()) {
				Probing current = latest.get(each);
				if (current == null || (current.answer.isDone() && now - current.startedNanos > cacheFor.toNanos())) {
					StoreProbe probe = probes.get(each);
					latest.put(each, new Probing(now, CompletableFuture.supplyAsync(() -> ask(probe), executor)));
				}
			}
			probing = latest.get(store);
		}
		long waitNanos = timeout.toNanos() - (System.nanoTime() - probing.startedNanos);
		try {
			return probing.answer.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException e) {
			return StoreStatus.down("no answer within " + timeout.toMillis() + " ms");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return StoreStatus.down("interrupted");
		}
		catch (java.util.concurrent.ExecutionException e) {
			return StoreStatus.down(e.getCause().getClass().getSimpleName());
		}
	}

	private static StoreStatus ask(StoreProbe probe) {
		try {
			return StoreStatus.up(probe.version());
		}
		catch (RuntimeException e) {
			return StoreStatus.down("not reachable (" + e.getClass().getSimpleName() + ")");
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		executor.shutdownNow();
	}

	private record Probing(long startedNanos, CompletableFuture<StoreStatus> answer) {
	}

	/** UP with the server's version, or DOWN with a short reason (never a driver message or a stack trace). */
	record StoreStatus(boolean up, String version, String problem) {

		static StoreStatus up(String version) {
			return new StoreStatus(true, version, null);
		}

		static StoreStatus down(String problem) {
			return new StoreStatus(false, null, problem);
		}
	}
}
