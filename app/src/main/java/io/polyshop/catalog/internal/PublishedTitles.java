package io.polyshop.catalog.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Titles of published products, kept in memory for a while: every cart view and every checkout shows the titles of
 * its lines, and a published title does not change (there is no product update; a restore runs with the instances
 * stopped), so reading them from the document store each time only repeats the last answer. The expiry bounds how
 * long a hand edit of the document store stays unseen. A title read again after half its expiry is served as kept
 * while it is read anew in the background, so a title in use never waits on the document store (whose collector's
 * pauses would otherwise reach a cart view once per SKU and expiry). A SKU without a published document is not kept: a
 * product being created is published moments later.
 */
@Component
public class PublishedTitles {

	private final LoadingCache<String, String> titles;

	@Autowired
	PublishedTitles(ProductDocuments documents, @Value("${polyshop.catalog.title-cache.expiry:PT1M}") Duration expiry,
			@Value("${polyshop.catalog.title-cache.max-size:100000}") long maxSize) {
		this(documents, expiry, maxSize, Ticker.systemTicker(), ForkJoinPool.commonPool());
	}

	PublishedTitles(ProductDocuments documents, Duration expiry, long maxSize, Ticker ticker, Executor refreshes) {
		this.titles = Caffeine.newBuilder().expireAfterWrite(expiry).refreshAfterWrite(expiry.dividedBy(2))
				.maximumSize(maxSize).ticker(ticker).executor(refreshes).build(new CacheLoader<String, String>() {
					@Override
					public String load(String sku) {
						return documents.publishedTitles(List.of(sku)).get(sku);
					}

					@Override
					public Map<String, String> loadAll(Set<? extends String> skus) {
						return documents.publishedTitles(List.copyOf(skus));
					}
				});
	}

	/** The titles of those SKUs that are published products; one document-store query for the ones not kept. */
	public Map<String, String> of(Collection<String> skus) {
		return titles.getAll(skus);
	}
}
