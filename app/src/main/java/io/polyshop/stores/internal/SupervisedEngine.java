package io.polyshop.stores.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.polyshop.stores.Store;

/**
 * An embedded engine that is started again, on the same port and data, whenever its process ends without being
 * asked to (killed, crashed, out of memory). Each such death is logged once as a warning and counted; restart
 * attempts that fail are retried with a growing pause (up to {@value #MAX_PAUSE_SECONDS} s) until one succeeds or the
 * application stops. The clients reconnect by themselves: their URLs do not change.
 */
final class SupervisedEngine implements EmbeddedEngine {

	private static final Logger log = LoggerFactory.getLogger(SupervisedEngine.class);
	private static final long MAX_PAUSE_SECONDS = 15;

	private final Store store;
	private final EmbeddedEngine engine;
	private final AtomicLong restarts;
	private final BooleanSupplier restartsHeld;
	private volatile boolean closed;

	SupervisedEngine(Store store, EmbeddedEngine engine, AtomicLong restarts, BooleanSupplier restartsHeld) {
		this.store = store;
		this.engine = engine;
		this.restarts = restarts;
		this.restartsHeld = restartsHeld;
		watch();
	}

	private void watch() {
		long pid = engine.pid();
		engine.terminated().whenComplete((exit, failure) -> {
			if (!closed) {
				Thread restarter = new Thread(() -> restartAfterDeath(pid), "polyshop-" + store.id() + "-restart");
				restarter.setDaemon(true);
				restarter.start();
			}
		});
	}

	private void restartAfterDeath(long pid) {
		restarts.incrementAndGet();
		log.warn("Embedded {} (pid {}) stopped unexpectedly; restarting it", store.id(), pid);
		long started = System.nanoTime();
		Duration pause = Duration.ofMillis(250);
		while (!closed) {
			if (restartsHeld.getAsBoolean()) { // a test keeps the store down for a while
				sleep(Duration.ofMillis(100));
				continue;
			}
			synchronized (this) {
				if (closed) {
					return;
				}
				try {
					engine.restart();
					log.info("Restarted embedded {} (pid {}) in {} ms", store.id(), engine.pid(), (System.nanoTime() - started) / 1_000_000);
					watch();
					return;
				}
				catch (RuntimeException e) {
					log.warn("Embedded {} did not restart yet ({}); next attempt in {} ms", store.id(), e.getMessage(), pause.toMillis());
				}
			}
			sleep(pause);
			pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(MAX_PAUSE_SECONDS)) > 0 ? Duration.ofSeconds(MAX_PAUSE_SECONDS)
					: pause.multipliedBy(2);
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	EmbeddedEngine engine() {
		return engine;
	}

	@Override
	public String url() {
		return engine.url();
	}

	@Override
	public long pid() {
		return engine.pid();
	}

	@Override
	public CompletableFuture<?> terminated() {
		return engine.terminated();
	}

	@Override
	public synchronized void close() {
		closed = true;
		engine.close();
	}
}
