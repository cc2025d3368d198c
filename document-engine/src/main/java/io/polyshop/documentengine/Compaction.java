package io.polyshop.documentengine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store file (rewrites the live pages of chunks that are mostly garbage, so that their space is reused)
 * when requests leave room for it. It replaces the MVStore's own background compaction, which rewrote chunks every
 * 100 ms whenever the file had not been read or written for that long (a request served from the page cache does
 * neither): after a fast load of a million documents it took 57 % of the CPU samples of a 2-core machine while the
 * benchmark measured (JFR, 2026-11-26), decoded and re-encoded every document of the chunks it rewrote, and young
 * GCs copied 40-125 MB each meanwhile: the slowest operations of every query shape overlapped those pauses.
 * <ul>
 * <li>idle (no command for a second): chunks are rewritten {@value #IDLE_STEP_BYTES} bytes at a time, as long as
 * it stays idle and less than {@value #TARGET_FILL_RATE} % of the chunks' bytes are live;</li>
 * <li>busy: only when less than {@value #BUSY_FILL_RATE} % are live (else the file would keep growing under a
 * constant load), one step of {@value #BUSY_STEP_BYTES} bytes a second, the sparsest chunks first.</li>
 * </ul>
 * A compaction step commits what it rewrote (without {@code fsync}: the chunks it copied from stay until the
 * MVStore's retention time has passed); it holds the store lock, so a write's commit waits for at most one step.
 * Reads never wait for it.
 */
final class Compaction implements AutoCloseable {

	static final int TARGET_FILL_RATE = 80;
	static final int BUSY_FILL_RATE = 50;
	static final int IDLE_STEP_BYTES = 4 << 20;
	static final int BUSY_STEP_BYTES = 1 << 20;

	private static final Logger log = LoggerFactory.getLogger(Compaction.class);

	private final MVStore store;
	private final BooleanSupplier idle;
	private final ScheduledExecutorService scheduler;
	private final AtomicLong steps = new AtomicLong();
	private volatile boolean closing;

	/** @param idle whether no command has run for a while (a second) */
	Compaction(MVStore store, BooleanSupplier idle) {
		this.store = store;
		this.idle = idle;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "document-store-compaction");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.SECONDS);
	}

	private void run() {
		try {
			FileStore<?> file = store.getFileStore();
			if (file == null || closing || store.isClosed()) {
				return;
			}
			if (idle.getAsBoolean()) {
				while (idle.getAsBoolean() && !closing && store.compact(TARGET_FILL_RATE, IDLE_STEP_BYTES)) {
					steps.incrementAndGet();
				}
			}
			else if (store.compact(BUSY_FILL_RATE, BUSY_STEP_BYTES)) {
				steps.incrementAndGet();
			}
		}
		catch (RuntimeException e) {
			if (!store.isClosed()) {
				log.warn("Compacting the document store failed; it will try again in a second", e);
			}
		}
	}

	/** How many compaction steps rewrote something (for the tests). */
	long steps() {
		return steps.get();
	}

	@Override
	public void close() {
		closing = true;
		// no interrupt: an interrupted FileChannel operation would close the store's file
		scheduler.shutdown();
		try {
			scheduler.awaitTermination(30, TimeUnit.SECONDS); // a step in progress ends before the store closes
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
