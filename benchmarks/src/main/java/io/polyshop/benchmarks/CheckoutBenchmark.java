package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.ThreadLocalRandom;

/** Checkout of a two-line cart at store level, all stores touched (see CheckoutFlow); 4 threads. */
@State(Scope.Benchmark)
@Threads(4)
public class CheckoutBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	CheckoutFlow checkout;
	Dataset data;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		checkout = CheckoutFlow.of(side, shop.connections);
		data = shop.data;
	}

	/** A customer with a filled cart, prepared before each checkout and not measured. */
	@State(Scope.Thread)
	public static class Customer {

		String id;

		@Setup(Level.Invocation)
		public void fillCart(CheckoutBenchmark benchmark) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			id = Dataset.customer(benchmark.data.activeCustomer(new java.util.Random(random.nextLong())));
			benchmark.checkout.fillCart(id, random, benchmark.data.scale().products());
		}
	}

	@Benchmark
	public String checkout(Customer customer) {
		return checkout.checkout(customer.id);
	}
}
