package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;
import java.util.Map;

/** Cart lines added, changed, removed and read by many customers at once (8 threads; Redis vs PostgreSQL). */
@State(Scope.Benchmark)
@Threads(8)
public class CartBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	private CartStore carts;
	private Dataset data;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		carts = CartStore.of(side, shop.connections);
		data = shop.data;
	}

	private String anyCustomer(Shop.Inputs in) {
		return Dataset.customer(in.below(data.scale().customers()));
	}

	private String popularSku(Shop.Inputs in) {
		return Dataset.sku(Dataset.skewed(data.scale().products(), in.random));
	}

	@Benchmark
	public int add(Shop.Inputs in) {
		return carts.add(anyCustomer(in), popularSku(in), 1, 1_000_000);
	}

	@Benchmark
	public int update(Shop.Inputs in) {
		return carts.set(anyCustomer(in), popularSku(in), 1 + in.below(5));
	}

	/** Removes a line the customer's cart was loaded with (it may already be gone: removing is then a no-op). */
	@Benchmark
	public String remove(Shop.Inputs in) {
		int customer = in.below(data.scale().carts());
		List<String> skus = List.copyOf(data.cart(customer).keySet());
		String sku = skus.get(in.below(skus.size()));
		carts.remove(Dataset.customer(customer), sku);
		return sku;
	}

	@Benchmark
	public Map<String, Integer> read(Shop.Inputs in) {
		return carts.read(Dataset.customer(in.below(data.scale().carts())));
	}
}
