package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;

/** Recommendations from the people a customer follows, at depth 1 to 4, for any customer (one at a time). */
@State(Scope.Benchmark)
@Threads(1)
public class RecommendationBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	@Param({ "1", "2", "3", "4" })
	public int depth;

	private RecommendationStore recommendations;
	private Dataset data;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		recommendations = RecommendationStore.of(side, shop.connections);
		data = shop.data;
	}

	@Benchmark
	public List<RecommendationStore.Recommended> forCustomer(Shop.Inputs in) {
		return recommendations.forCustomer(Dataset.customer(in.below(data.scale().customers())), depth);
	}
}
