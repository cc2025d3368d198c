package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** A product page: document + price and stock (two stores) vs one PostgreSQL query; 4 threads. */
@State(Scope.Benchmark)
@Threads(4)
public class ProductPageBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	private ProductPageStore pages;
	private Dataset data;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		pages = ProductPageStore.of(side, shop.connections);
		data = shop.data;
	}

	@Benchmark
	public ProductPageStore.Page page(Shop.Inputs in) {
		return pages.page(Dataset.sku(Dataset.skewed(data.scale().products(), in.random)));
	}
}
