package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;

/** "Often bought together" for a product picked as shoppers pick them (popular ones far more often). */
@State(Scope.Benchmark)
@Threads(1)
public class AlsoBoughtBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	private RecommendationStore recommendations;
	private Dataset data;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		recommendations = RecommendationStore.of(side, shop.connections);
		data = shop.data;
	}

	@Benchmark
	public List<RecommendationStore.AlsoBought> alsoBought(Shop.Inputs in) {
		return recommendations.alsoBought(Dataset.sku(Dataset.skewed(data.scale().products(), in.random)));
	}
}
