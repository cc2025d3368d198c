package io.polyshop.search.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.polyshop.catalog.Catalog;
import io.polyshop.catalog.Product;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockChange;
import io.polyshop.search.internal.ProductIndex.FeedPosition;

/**
 * Keeps this instance's index in step with the source stores. Every instance follows inventory's change feed
 * (SKUs whose price or stock changed, by time) on its own, so each embedded index sees every change, and re-reads
 * those products from the catalog and the inventory: idempotent, so a replay changes nothing. A window of
 * {@code overlap} is read again on every pass, because a transaction can commit a change stamped earlier than one
 * already seen. A product whose document is not published yet is retried until it is. One thread does all the
 * writing; a (re)build runs on it too and becomes visible only when it has finished.
 */
@Component
class SearchIndexFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SearchIndexFeed.class);
	private static final int BATCH = 1000;
	private static final Duration PENDING_FOR_AT_MOST = Duration.ofMinutes(10);

	private final ProductIndex index;
	private final Catalog catalog;
	private final Inventory inventory;
	private final Clock clock;
	private final Duration interval;
	private final Duration overlap;
	private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "search-index");
		thread.setDaemon(true);
		return thread;
	});
	private final Map<String, Instant> seen = new HashMap<>();
	private final Map<String, Instant> pending = new HashMap<>();
	private final AtomicBoolean rebuilding = new AtomicBoolean();
	private final AtomicLong rebuildProgress = new AtomicLong();
	private volatile boolean running;
	private volatile Instant caughtUpAt;
	private volatile Instant lastFailureLogged = Instant.EPOCH;

	SearchIndexFeed(ProductIndex index, Catalog catalog, Inventory inventory, Clock clock,
			@Value("${polyshop.search.feed-interval:1s}") Duration interval,
			@Value("${polyshop.search.feed-overlap:5s}") Duration overlap) {
		this.index = index;
		this.catalog = catalog;
		this.inventory = inventory;
		this.clock = clock;
		this.interval = interval;
		this.overlap = overlap;
	}

	@Override
	public void start() {
		running = true;
		if (!index.isBuilt()) {
			log.info("Search index in {} is {}: building it from the catalog", index.path(), index.existedAtStart() ? "incomplete" : "missing");
			rebuild();
		}
		writer.scheduleWithFixedDelay(this::followChanges, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		running = false;
		writer.shutdown();
		try {
			if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
				writer.shutdownNow(); // a rebuild is abandoned; the last commit stays, the next start finishes the job
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	boolean rebuild() {
		if (!rebuilding.compareAndSet(false, true)) {
			return false;
		}
		rebuildProgress.set(0);
		writer.execute(this::rebuildNow);
		return true;
	}

	boolean isRebuilding() {
		return rebuilding.get();
	}

	long rebuildProgress() {
		return rebuildProgress.get();
	}

	/** Every change up to this instant is in the index (null until the first pass that caught up). */
	Instant caughtUpAt() {
		return caughtUpAt;
	}

	/**
	 * Waits until a pass that started after {@code instant} has been committed (every inventory change up to then is
	 * in the index), for at most five feed intervals; answers whether it came.
	 */
	boolean awaitCaughtUpPast(Instant instant) {
		long deadline = System.nanoTime() + Math.max(interval.toNanos() * 5, Duration.ofSeconds(5).toNanos());
		while (caughtUpAt == null || !caughtUpAt.isAfter(instant)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(Math.max(10, interval.toMillis() / 4));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads those SKUs again from the catalog and the inventory and writes them now: indexed if they are products,
	 * deleted from the index if not. Runs on the writer thread (after whatever is queued there) and answers when the
	 * change is committed and visible.
	 */
	void reindex(Collection<String> skus) {
		List<String> distinct = skus.stream().distinct().toList();
		onWriterThread(() -> {
			if (!index.isBuilt()) {
				throw new IllegalStateException("The search index is not built yet");
			}
			for (int from = 0; from < distinct.size(); from += BATCH) {
				List<String> slice = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
				Map<String, Product> products = catalog.findAll(slice);
				index.upsert(products.values());
				index.delete(slice.stream().filter(sku -> !products.containsKey(sku)).toList());
			}
			index.commit(index.position().orElseThrow());
			return null;
		});
	}

	/** Runs work on the one thread that writes the index, and waits for it (at most a minute). */
	<T> T onWriterThread(Callable<T> work) {
		try {
			return writer.submit(work).get(1, TimeUnit.MINUTES);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}
		catch (TimeoutException e) {
			throw new IllegalStateException("The search index writer did not answer within a minute", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void rebuildNow() {
		Instant started = clock.instant();
		long lastLog = System.nanoTime();
		try {
			index.deleteAll();
			String after = null;
			List<Product> batch;
			do {
				batch = catalog.publishedAfter(after, BATCH);
				index.upsert(batch);
				rebuildProgress.addAndGet(batch.size());
				if (!batch.isEmpty()) {
					after = batch.get(batch.size() - 1).sku();
				}
				if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
					log.info("Search index rebuild: {} products indexed", rebuildProgress.get());
					lastLog = System.nanoTime();
				}
			}
			while (batch.size() == BATCH && running);
			if (!running) {
				return;
			}
			// changes made while the walk ran are picked up by the feed from here
			index.commit(new FeedPosition(started.minus(overlap), ""));
			seen.clear();
			log.info("Search index rebuilt: {} products in {} ms", rebuildProgress.get(), Duration.between(started, clock.instant()).toMillis());
		}
		catch (IOException | RuntimeException e) {
			log.warn("Search index rebuild failed ({}); it is retried at the next start or by POST /api/admin/search/index/rebuild", e.toString());
		}
		finally {
			rebuilding.set(false);
		}
	}

	private void followChanges() {
		if (!running || !index.isBuilt()) {
			return;
		}
		try {
			Instant passStarted = clock.instant();
			FeedPosition position = index.position().orElseThrow();
			Instant from = position.at().minus(overlap);
			Set<String> changed = new LinkedHashSet<>(pending.keySet());
			FeedPosition reached = position;
			String after = "";
			List<StockChange> batch;
			do {
				batch = inventory.changedSince(from, after, BATCH);
				for (StockChange change : batch) {
					Instant known = seen.get(change.sku());
					if (known == null || change.at().isAfter(known)) {
						changed.add(change.sku());
						seen.put(change.sku(), change.at());
					}
					if (change.at().isAfter(reached.at())) {
						reached = new FeedPosition(change.at(), change.sku());
					}
				}
				if (!batch.isEmpty()) {
					StockChange last = batch.get(batch.size() - 1);
					from = last.at();
					after = last.sku();
				}
			}
			while (batch.size() == BATCH && running);
			if (!changed.isEmpty()) {
				apply(changed, passStarted);
			}
			if (!changed.isEmpty() || !reached.equals(position)) {
				index.commit(reached);
			}
			Instant horizon = reached.at().minus(overlap);
			seen.values().removeIf(at -> at.isBefore(horizon));
			caughtUpAt = passStarted;
		}
		catch (IOException | RuntimeException e) {
			if (Duration.between(lastFailureLogged, clock.instant()).toSeconds() >= 60) {
				log.warn("Search index cannot follow the inventory's changes now ({}); retrying every {}", e.toString(), interval);
				lastFailureLogged = clock.instant();
			}
		}
	}

	private void apply(Set<String> changed, Instant now) throws IOException {
		List<String> skus = new ArrayList<>(changed);
		for (int from = 0; from < skus.size(); from += BATCH) {
			List<String> slice = skus.subList(from, Math.min(skus.size(), from + BATCH));
			Map<String, Product> products = catalog.findAll(slice);
			index.upsert(products.values());
			List<String> missing = slice.stream().filter(sku -> !products.containsKey(sku)).toList();
			index.delete(missing);
			products.keySet().forEach(pending::remove);
			// not published yet (a create half-way): look again next pass, for a while
			missing.forEach(sku -> pending.putIfAbsent(sku, now));
		}
		pending.values().removeIf(since -> since.isBefore(now.minus(PENDING_FOR_AT_MOST)));
	}

	@Override
	public int getPhase() {
		// stops before the stores' clients and engines go away
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}
}
