package io.polyshop.catalog.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedTitlesTest {

	/** The published documents, and every query made to them. */
	final Map<String, String> published = new HashMap<>(Map.of("MUG-1", "Mug", "TEE-2", "T-shirt"));
	final List<List<String>> queries = new ArrayList<>();
	final ProductDocuments documents = new ProductDocuments(null) {
		@Override
		Map<String, String> publishedTitles(Collection<String> skus) {
			queries.add(List.copyOf(skus));
			Map<String, String> found = new HashMap<>();
			skus.stream().filter(published::containsKey).forEach(sku -> found.put(sku, published.get(sku)));
			return found;
		}
	};
	final AtomicLong nanos = new AtomicLong();
	/** The cache's background work (reads and upkeep), run when the test says. */
	final Queue<Runnable> background = new ArrayDeque<>();
	final PublishedTitles titles = new PublishedTitles(documents, Duration.ofMinutes(1), 1000, nanos::get, background::add);

	@Test
	void asksTheDocumentStoreOnlyForTheSkusItDoesNotHold() {
		assertThat(titles.of(List.of("MUG-1"))).isEqualTo(Map.of("MUG-1", "Mug"));
		assertThat(titles.of(List.of("MUG-1", "TEE-2"))).isEqualTo(Map.of("MUG-1", "Mug", "TEE-2", "T-shirt"));
		assertThat(titles.of(List.of("TEE-2", "MUG-1"))).isEqualTo(Map.of("MUG-1", "Mug", "TEE-2", "T-shirt"));

		assertThat(queries).containsExactly(List.of("MUG-1"), List.of("TEE-2"));
	}

	@Test
	void aSkuNotYetPublishedIsAskedForAgainAndShowsOnceItIs() {
		assertThat(titles.of(List.of("CAP-3"))).isEmpty();
		published.put("CAP-3", "Cap");

		assertThat(titles.of(List.of("CAP-3"))).isEqualTo(Map.of("CAP-3", "Cap"));
		assertThat(queries).containsExactly(List.of("CAP-3"), List.of("CAP-3"));
	}

	@Test
	void aTitleNotAskedForDuringItsExpiryIsReadAgainWhenAsked() {
		titles.of(List.of("MUG-1"));
		published.put("MUG-1", "Mug, edited by hand");

		nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		assertThat(titles.of(List.of("MUG-1"))).isEqualTo(Map.of("MUG-1", "Mug, edited by hand"));
		assertThat(queries).containsExactly(List.of("MUG-1"), List.of("MUG-1"));
	}

	@Test
	void aTitleInUseIsReadAgainInTheBackgroundWhileTheKeptOneIsServed() {
		titles.of(List.of("MUG-1"));
		published.put("MUG-1", "Mug, edited by hand");

		nanos.addAndGet(Duration.ofSeconds(29).toNanos());
		assertThat(titles.of(List.of("MUG-1"))).isEqualTo(Map.of("MUG-1", "Mug"));
		background.forEach(Runnable::run); // the cache's own upkeep runs on that executor too
		background.clear();
		assertThat(queries).as("not read again before half its expiry").hasSize(1);

		nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(titles.of(List.of("MUG-1"))).isEqualTo(Map.of("MUG-1", "Mug"));
		assertThat(queries).as("the request did not wait on the document store").containsExactly(List.of("MUG-1"));

		List.copyOf(background).forEach(Runnable::run);
		assertThat(queries).containsExactly(List.of("MUG-1"), List.of("MUG-1"));
		nanos.addAndGet(Duration.ofSeconds(45).toNanos());
		assertThat(titles.of(List.of("MUG-1"))).as("kept from the background read, not expired at 76 s")
				.isEqualTo(Map.of("MUG-1", "Mug, edited by hand"));
	}
}
