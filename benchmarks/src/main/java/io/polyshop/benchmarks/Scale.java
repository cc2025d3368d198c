package io.polyshop.benchmarks;

/**
 * How much data both sides hold. Generated once, deterministically (fixed seed), and loaded into both sides.
 *
 * @param customers      customer accounts (graph nodes, order owners)
 * @param followsPerCustomer mean FOLLOWS per customer (1 to twice this, half towards popular accounts)
 * @param products       products (catalog documents + stock rows)
 * @param activeCustomers customers who have ordered
 * @param ordersPerActive mean orders per active customer
 * @param carts          carts present before the run
 * @param sessions       sessions present before the run
 */
record Scale(String name, int customers, int followsPerCustomer, int products, int activeCustomers, int ordersPerActive,
		int carts, int sessions) {

	/** The sizes: 100k customers, ~1M FOLLOWS, 100k products, 1M orders (~20 per active customer). */
	static Scale full() {
		return new Scale("full", 100_000, 10, 100_000, 50_000, 20, 20_000, 20_000);
	}

	/** A tenth of full: what a loaded shared machine loads in minutes (10k customers, 100k follows, 100k orders). */
	static Scale medium() {
		return new Scale("medium", 10_000, 10, 10_000, 5_000, 20, 5_000, 5_000);
	}

	/** A fiftieth of full: 2k customers, ~20k follows, 1k products, ~10k orders. */
	static Scale small() {
		return new Scale("small", 2_000, 10, 1_000, 500, 20, 500, 500);
	}

	/** Seconds, not minutes: CI runs it in `mvn verify` so the code never rots. */
	static Scale quick() {
		return new Scale("quick", 500, 10, 300, 100, 20, 100, 100);
	}

	static Scale named(String name) {
		return switch (name) {
			case "full" -> full();
			case "medium" -> medium();
			case "small" -> small();
			case "quick" -> quick();
			default -> throw new IllegalArgumentException("scale is quick, small, medium or full, not " + name);
		};
	}

	long orders() {
		return (long) activeCustomers * ordersPerActive;
	}
}
