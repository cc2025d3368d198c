package io.polyshop.catalog.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * Fills the catalog at start-up:
 * <ul>
 * <li>the demo catalog ({@code polyshop.catalog.demo.size} products over eight categories), when the document
 * store has no product at all and {@code polyshop.catalog.demo.enabled} is true (the default);</li>
 * <li>a generated catalog of {@code polyshop.catalog.generate} more products, with a progress line every
 * 5%, and an exit afterwards if {@code polyshop.catalog.exit-after-generate} is true.</li>
 * </ul>
 * Both write in batches through {@link ProductWrites#createAll}, in the same store order as a single create.
 */
@Component
@Order(10)
class SampleCatalogs implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SampleCatalogs.class);
	private static final long DEMO_SEED = 20240611L;
	private static final int BATCH = 1000;

	private final ProductDocuments documents;
	private final ProductWrites writes;
	private final ConfigurableApplicationContext context;
	private final LockProvider locks;
	private final boolean demoEnabled;
	private final int demoSize;
	private final int generate;
	private final boolean exitAfterGenerate;

	SampleCatalogs(ProductDocuments documents, ProductWrites writes, ConfigurableApplicationContext context, LockProvider locks,
			@Value("${polyshop.catalog.demo.enabled:true}") boolean demoEnabled,
			@Value("${polyshop.catalog.demo.size:320}") int demoSize,
			@Value("${polyshop.catalog.generate:0}") int generate,
			@Value("${polyshop.catalog.exit-after-generate:false}") boolean exitAfterGenerate) {
		this.documents = documents;
		this.writes = writes;
		this.context = context;
		this.locks = locks;
		this.demoEnabled = demoEnabled;
		this.demoSize = demoSize;
		this.generate = generate;
		this.exitAfterGenerate = exitAfterGenerate;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (demoEnabled && documents.count() == 0) {
			loadDemoOncePerCluster();
		}
		if (generate > 0) {
			generate(generate);
			if (exitAfterGenerate) {
				System.exit(SpringApplication.exit(context, () -> 0));
			}
		}
	}

	/**
	 * Several instances starting at once on empty stores: the one that takes the cluster lock loads the demo
	 * catalog, the others start without waiting (they see it as it is published).
	 */
	private void loadDemoOncePerCluster() {
		// ShedLock times its locks with its own clock, not the shop's
		var lock = locks.lock(new LockConfiguration(ClockProvider.now(), "catalog.demo-load", java.time.Duration.ofMinutes(10),
				java.time.Duration.ZERO));
		if (lock.isEmpty()) {
			log.info("Another instance is loading the demo catalog");
			return;
		}
		try {
			if (documents.count() == 0) { // checked again under the lock: another instance may have just finished
				loadDemo();
			}
		}
		finally {
			lock.get().unlock();
		}
	}

	/** The demo catalog: the same products, SKUs and prices on every machine ({@code BOOK-00001}...). */
	int loadDemo() {
		long started = System.nanoTime();
		SampleProducts samples = new SampleProducts(DEMO_SEED);
		List<ProductContent> products = new ArrayList<>(demoSize);
		for (int i = 0; i < demoSize; i++) {
			products.add(samples.product(i, String.format(Locale.ROOT, "%05d", i / SampleProducts.CATEGORIES.size() + 1)));
		}
		int published = 0;
		for (int from = 0; from < products.size(); from += BATCH) {
			published += writes.createAll(products.subList(from, Math.min(products.size(), from + BATCH)));
		}
		log.info("Loaded the demo catalog: {} products in {} categories ({} ms)", published, SampleProducts.CATEGORIES.size(),
				(System.nanoTime() - started) / 1_000_000);
		return published;
	}

	/**
	 * {@code count} generated products in batches, with a progress line every 5%. Their SKUs carry a run id
	 * ({@code BOOK-K3F9Q-000001}), so a second run adds to the first instead of colliding with it.
	 */
	int generate(int count) {
		String run = runId();
		SampleProducts samples = new SampleProducts(new SecureRandom().nextLong());
		log.info("Generating {} products (run {}), in batches of {}", count, run, BATCH);
		long started = System.nanoTime();
		int published = 0;
		int reportedPercent = 0;
		for (int from = 0; from < count; from += BATCH) {
			int to = Math.min(count, from + BATCH);
			List<ProductContent> batch = new ArrayList<>(to - from);
			for (int i = from; i < to; i++) {
				batch.add(samples.product(i, run + "-" + String.format(Locale.ROOT, "%06d", i / SampleProducts.CATEGORIES.size() + 1)));
			}
			published += writes.createAll(batch);
			int percent = (int) (100L * to / count);
			if (percent >= reportedPercent + 5 || to == count) {
				reportedPercent = percent;
				double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
				log.info("Generated {}/{} products ({}%), {} products/s, about {} s left", to, count, percent,
						Math.round(to / seconds), Math.round((count - to) / (to / seconds)));
			}
		}
		log.info("Generated {} products in {} s", published, Math.round((System.nanoTime() - started) / 1e9));
		return published;
	}

	private static String runId() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder id = new StringBuilder(5);
		for (int i = 0; i < 5; i++) {
			id.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return id.toString();
	}
}
