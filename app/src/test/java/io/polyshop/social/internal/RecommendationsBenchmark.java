package io.polyshop.social.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.social.Recommendations;
import io.polyshop.social.RecommendedProducts;
import io.polyshop.support.PolyshopInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates a realistic graph (100k customers, ~1M FOLLOWS by default) in a Polyshop of its own and prints the
 * p50/p99 latency of depth-2 recommendations for random customers. Not part of the default build (tag
 * {@code benchmark}); run it with
 * {@code mvn verify -Dit.groups=benchmark -Dit.excludedGroups= -Dit.test=RecommendationsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dsurefire.skip=true}
 * and size it with {@code -Dbenchmark.customers=...}, {@code -Dbenchmark.follows=...} (per customer), {@code -Dbenchmark.queries=...}.
 */
@Tag("benchmark")
class RecommendationsBenchmark {

	@TempDir
	Path dataDirectory;

	@Test
	void depthTwoRecommendationLatency() {
		int customers = Integer.getInteger("benchmark.customers", 100_000);
		int follows = Integer.getInteger("benchmark.follows", 10);
		int queries = Integer.getInteger("benchmark.queries", 300);
		try (ConfigurableApplicationContext app = PolyshopInstance.start(dataDirectory,
				"--polyshop.neo4j.embedded.max-heap=" + System.getProperty("benchmark.neo4j-heap", "1g"))) {
			app.getBean(GraphGenerator.class).generate(new GraphGenerator.Plan(customers, follows, 2000, 3, 10_000, 42));
			Recommendations recommendations = app.getBean(Recommendations.class);
			Random random = new Random(7);

			for (int i = 0; i < 50; i++) { // warm-up: JIT, page cache, query plan cache
				recommendations.forCustomer(GraphGenerator.customer(random.nextInt(customers)), 10);
			}
			List<Long> micros = new ArrayList<>();
			int answered = 0;
			for (int i = 0; i < queries; i++) {
				long start = System.nanoTime();
				RecommendedProducts recommended = recommendations.forCustomer(GraphGenerator.customer(random.nextInt(customers)), 10);
				micros.add((System.nanoTime() - start) / 1_000);
				assertThat(recommended.source()).isEqualTo(RecommendedProducts.Source.GRAPH);
				answered += recommended.items().isEmpty() ? 0 : 1;
			}
			Collections.sort(micros);
			System.out.printf("%nDepth-2 recommendations, %d customers, ~%d FOLLOWS, %d queries (%d with items): "
					+ "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", customers, (long) customers * follows, queries, answered,
					percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
			assertThat(answered).isPositive();
		}
	}

	private static long percentile(List<Long> sorted, int percentile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}
}
