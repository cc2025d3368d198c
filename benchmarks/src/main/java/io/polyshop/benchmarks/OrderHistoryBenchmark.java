package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;

/** Order history (first page of ~20 nested orders, with the count) and one order by id; 4 threads. */
@State(Scope.Benchmark)
@Threads(4)
public class OrderHistoryBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY, Sides.PG_JSONB })
	public String side;

	private OrderHistoryStore orders;
	private Dataset data;
	private List<String> orderIds;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		orders = OrderHistoryStore.of(side, shop.connections);
		data = shop.data;
		orderIds = shop.orderIds;
	}

	@Benchmark
	public OrderHistoryStore.Page history(Shop.Inputs in) {
		return orders.history(Dataset.customer(data.activeCustomer(in.random)));
	}

	@Benchmark
	public Object byId(Shop.Inputs in) {
		return orders.byId(orderIds.get(in.below(orderIds.size())));
	}
}
