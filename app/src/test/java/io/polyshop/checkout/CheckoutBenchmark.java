package io.polyshop.checkout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.support.Concurrently;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small load run of checkouts over HTTP against a Polyshop of its own on the embedded engines: customers each put
 * a product in their cart and check out, many at once; prints orders per second and the p50/p99 latency of
 * {@code POST /api/checkout}. Not part of the default build (tag {@code benchmark}); run it with
 * {@code mvn verify -Dit.groups=benchmark -Dit.excludedGroups= -Dit.test=CheckoutBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dsurefire.skip=true},
 * sized with {@code -Dbenchmark.customers=...}, {@code -Dbenchmark.orders-per-customer=...}.
 */
@Tag("benchmark")
class CheckoutBenchmark {

	@TempDir
	Path dataDirectory;

	@Test
	void checkoutThroughputAndLatency() throws Exception {
		int customers = Integer.getInteger("benchmark.customers", 16);
		int ordersEach = Integer.getInteger("benchmark.orders-per-customer", 25);
		try (ConfigurableApplicationContext app = PolyshopInstance.start(dataDirectory,
				"--polyshop.rate-limits.enabled=false", // a benchmark from one address measures throughput, not limits
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD)) {
			int port = PolyshopInstance.port(app);
			List<String> skus = List.of(Products.create(port, "9.99", 1_000_000), Products.create(port, "24.50", 1_000_000));
			List<Shopper> shoppers = new ArrayList<>();
			for (int i = 0; i < customers; i++) {
				shoppers.add(Shopper.register(port, "Load " + i));
			}
			for (Shopper shopper : shoppers) { // warm-up: JIT, pools, plans
				shopper.putInCart(skus.get(0), 1);
				shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
			}

			List<Long> micros = Collections.synchronizedList(new ArrayList<>());
			AtomicInteger placed = new AtomicInteger();
			long started = System.nanoTime();
			Concurrently.all(shoppers.stream().<Callable<Void>>map(shopper -> () -> {
				for (int i = 0; i < ordersEach; i++) {
					shopper.putInCart(skus.get(i % 2), 1 + i % 3);
					long start = System.nanoTime();
					int status = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getStatusCode().value();
					micros.add((System.nanoTime() - start) / 1_000);
					if (status == 201) {
						placed.incrementAndGet();
					}
				}
				return null;
			}).toList());
			double seconds = (System.nanoTime() - started) / 1e9;

			List<Long> sorted = new ArrayList<>(micros);
			Collections.sort(sorted);
			System.out.printf("%nCheckout over HTTP, %d customers at once, %d orders in %.1f s: %.1f orders/s; "
					+ "POST /api/checkout p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", customers, placed.get(), seconds,
					placed.get() / seconds, percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
					sorted.get(sorted.size() - 1) / 1000.0);
			assertThat(placed.get()).isEqualTo(customers * ordersEach);
		}
	}

	private static long percentile(List<Long> sorted, int percentile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}
}
