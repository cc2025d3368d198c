package io.polyshop.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick mode, in `mvn verify`: real engines, small data, every workload on every side, the equivalence check,
 * and the report files. It proves the benchmark still runs and both sides still answer alike, not how fast they are
 * (no timing is asserted).
 */
class QuickBenchmarkIT {

	@Test
	void everyWorkloadRunsOnBothSidesAndIsReported() throws Exception {
		Path output = Path.of("target/benchmarks-quick");
		List<Report.Row> rows = BenchmarkRun.run("quick", output);

		Set<String> operations = rows.stream().map(r -> r.workload() + " " + r.operation()).collect(Collectors.toSet());
		assertEquals(Set.of("AlsoBought alsoBought", "Cart add", "Cart update", "Cart remove", "Cart read", "Checkout checkout",
				"OrderHistory history", "OrderHistory byId", "ProductPage page", "Recommendation forCustomer depth 1",
				"Recommendation forCustomer depth 2", "Recommendation forCustomer depth 3", "Recommendation forCustomer depth 4",
				"Session read", "Session write"), operations);
		for (String operation : operations) {
			Set<String> sides = rows.stream().filter(r -> (r.workload() + " " + r.operation()).equals(operation))
					.map(Report.Row::side).collect(Collectors.toSet());
			assertTrue(sides.containsAll(Set.of(Sides.POLYGLOT, Sides.PG_ONLY)), operation + " ran on " + sides);
		}
		assertTrue(rows.stream().allMatch(r -> r.samples() > 0 && r.p50Millis() > 0 && r.throughput() > 0), rows::toString);
		for (String file : List.of("results.md", "results.json", "cart.png", "recommendation.png", "order-history.png",
				"checkout.png", "session.png", "product-page.png", "also-bought.png")) {
			assertTrue(Files.size(output.resolve(file)) > 0, file);
		}
	}
}
