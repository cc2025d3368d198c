package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The loaded shop as a benchmark fork sees it: clients to the running engines and the generated data's shape. */
@State(Scope.Benchmark)
public class Shop {

	Connections connections;
	Dataset data;
	Path dataDirectory;
	/** Order ids picked once (same seed on both sides), so "one order by id" never pays for generating data. */
	List<String> orderIds;

	@Setup(Level.Trial)
	public void open() {
		data = new Dataset(Scale.named(System.getProperty("bench.scale", "quick")));
		dataDirectory = Path.of(System.getProperty("bench.data", "target/bench-data"));
		connections = new Connections(Endpoints.fromSystemProperties());
		orderIds = new ArrayList<>();
		Random random = new Random(11);
		while (orderIds.size() < 2_000) {
			List<Dataset.Order> orders = data.orders(data.activeCustomer(random));
			orderIds.add(orders.get(random.nextInt(orders.size())).id().toString());
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		connections.close();
	}

	/** Per-thread inputs: the same seeded sequence on both sides, so both answer the same requests. */
	@State(Scope.Thread)
	public static class Inputs {

		private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();

		Random random;
		int thread;

		@Setup(Level.Trial)
		public void seed() {
			thread = THREADS.getAndIncrement();
			random = new Random(1_000 + thread);
		}

		int below(int bound) {
			return random.nextInt(bound);
		}
	}
}
