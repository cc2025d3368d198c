package io.polyshop.catalog.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Titles of published products, kept in memory for a while: every cart view and every checkout shows the titles of
 * its lines, and a published title does not change (there is no product update; a restore runs with the instances
 * stopped), so reading them from the document store each time only repeats the last answer. The expiry bounds how
 * long a hand edit of the document store stays unseen. A SKU without a published document is not kept: a product
 * being created is published moments later.
 */
@Component
public class PublishedTitles {

	private final ProductDocuments documents;
	private final Cache<String, String> titles;

	@Autowired
	PublishedTitles(ProductDocuments documents, @Value("${polyshop.catalog.title-cache.expiry:PT1M}") Duration expiry,
			@Value("${polyshop.catalog.title-cache.max-size:100000}") long maxSize) {
		this(documents, expiry, maxSize, Ticker.systemTicker());
	}

	PublishedTitles(ProductDocuments documents, Duration expiry, long maxSize, Ticker ticker) {
		this.documents = documents;
		this.titles = Caffeine.newBuilder().expireAfterWrite(expiry).maximumSize(maxSize).ticker(ticker).build();
	}

	/** The titles of those SKUs that are published products; one document-store query for the ones not kept. */
	public Map<String, String> of(Collection<String> skus) {
		return titles.getAll(skus, notKept -> documents.publishedTitles(List.copyOf(notKept)));
	}
}
