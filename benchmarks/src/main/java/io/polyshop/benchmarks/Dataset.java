package io.polyshop.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The generated shop, the same for both sides: every value is a function of a fixed seed and an index, so it is
 * never held in memory whole and a benchmark fork can recompute any customer's orders or follows.
 * Skew as in the app's GraphGenerator: index u³·n, so low indexes (popular accounts, bestsellers) dominate.
 */
record Dataset(Scale scale) {

	static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
	static final String CURRENCY = "EUR";
	private static final long SEED = 20261125L;
	private static final String[] CATEGORIES = { "books", "music", "garden", "kitchen", "toys", "tools", "sports",
			"outdoor", "office", "health", "beauty", "games", "shoes", "bags", "lamps", "audio", "camera", "phone",
			"baby", "pets" };

	static String customer(int index) {
		return "c-%06d".formatted(index);
	}

	static String sku(int index) {
		return "SKU-%06d".formatted(index);
	}

	/** An index in [0, size), low indexes far more likely: a cheap stand-in for a power law (as GraphGenerator). */
	static int skewed(int size, Random random) {
		double u = random.nextDouble();
		return (int) (size * u * u * u);
	}

	record Product(String sku, String title, String description, String category, Map<String, String> attributes,
			List<String> images, BigDecimal price, int onHand) {
	}

	record Line(String sku, String title, int quantity, BigDecimal unitPrice) {
		BigDecimal lineTotal() {
			return unitPrice.multiply(BigDecimal.valueOf(quantity));
		}
	}

	record Order(UUID id, String customerId, String status, Instant placedAt, List<Line> lines, String shipName,
			String shipLine1, String shipCity, String shipPostalCode, String shipCountry, String paymentReference,
			String cardLast4) {

		BigDecimal total() {
			return lines.stream().map(Line::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
		}

		/** PLACED, PAID, then COMPLETED (or CANCELLED), a few minutes apart. */
		List<Map.Entry<String, Instant>> timeline() {
			return status.equals("COMPLETED")
					? List.of(Map.entry("PLACED", placedAt), Map.entry("PAID", placedAt.plusSeconds(2)),
							Map.entry("COMPLETED", placedAt.plusSeconds(300)))
					: List.of(Map.entry("PLACED", placedAt), Map.entry("CANCELLED", placedAt.plusSeconds(2)));
		}
	}

	record Purchase(String customerId, String sku, UUID orderId, Instant at, int quantity) {
	}

	Product product(int index) {
		Random random = new Random(SEED ^ (index * 0x9E3779B97F4A7C15L));
		String category = CATEGORIES[index % CATEGORIES.length];
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("brand", "Brand " + random.nextInt(500));
		attributes.put("colour", List.of("black", "white", "red", "blue", "green").get(random.nextInt(5)));
		attributes.put("weight", (100 + random.nextInt(5000)) + " g");
		String title = "Product " + index + " " + category + " " + Long.toString(random.nextLong() & 0xffffff, 36);
		return new Product(sku(index), title,
				"A " + category + " item of the generated catalog, number " + index
						+ ": a description long enough to look like one, with a few sentences about what it is, "
						+ "what it is made of and why someone would buy it.",
				category, attributes, List.of("/images/" + sku(index) + "-1.jpg", "/images/" + sku(index) + "-2.jpg"),
				BigDecimal.valueOf(199 + random.nextInt(20_000), 2), 1_000_000);
	}

	/** Between 1 and twice the mean accounts, half of them popular ones (GraphGenerator's shape). */
	Set<Integer> follows(int follower) {
		Random random = new Random(SEED * 31 + follower);
		int count = Math.min(1 + random.nextInt(scale.followsPerCustomer() * 2), scale.customers() - 1);
		Set<Integer> targets = new LinkedHashSet<>();
		while (targets.size() < count) {
			int target = random.nextBoolean() ? skewed(scale.customers(), random) : random.nextInt(scale.customers());
			if (target != follower) {
				targets.add(target);
			}
		}
		return targets;
	}

	/** Every n-th customer has ordered, so active customers are spread over popular and unknown accounts alike. */
	boolean active(int customer) {
		return customer % (scale.customers() / scale.activeCustomers()) == 0;
	}

	int activeCustomer(Random random) {
		int step = scale.customers() / scale.activeCustomers();
		return random.nextInt(scale.activeCustomers()) * step;
	}

	/** A customer's orders: 10 to 30 (mean 20) for an active one, 1 to 3 lines each, 95 % completed. */
	List<Order> orders(int customer) {
		if (!active(customer)) {
			return List.of();
		}
		Random random = new Random(SEED * 17 + customer);
		int count = scale.ordersPerActive() / 2 + random.nextInt(scale.ordersPerActive() + 1);
		long year = Duration.ofDays(365).toSeconds();
		List<Order> orders = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			Set<Integer> skus = new LinkedHashSet<>();
			int lines = 1 + random.nextInt(3);
			while (skus.size() < Math.min(lines, scale.products())) {
				skus.add(skewed(scale.products(), random));
			}
			List<Line> orderLines = new ArrayList<>();
			for (int product : skus) {
				Product p = product(product);
				orderLines.add(new Line(p.sku(), p.title(), 1 + random.nextInt(3), p.price().setScale(2, RoundingMode.HALF_EVEN)));
			}
			orders.add(new Order(new UUID(random.nextLong(), random.nextLong()), customer(customer),
					random.nextInt(20) == 0 ? "CANCELLED" : "COMPLETED", NOW.minusSeconds((long) (random.nextDouble() * year)),
					orderLines, "Customer " + customer, customer + " Main Street", "Berlin", "1" + (customer % 10000), "DE",
					"pay-" + Long.toHexString(random.nextLong()), "%04d".formatted(random.nextInt(10000))));
		}
		return orders;
	}

	void forEachOrder(Consumer<Order> consumer) {
		for (int c = 0; c < scale.customers(); c++) {
			orders(c).forEach(consumer);
		}
	}

	/** PURCHASED edges: one per line of a completed order, as the app's projection MERGEs them. */
	static List<Purchase> purchases(Order order) {
		if (!order.status().equals("COMPLETED")) {
			return List.of();
		}
		return order.lines().stream()
				.map(line -> new Purchase(order.customerId(), line.sku(), order.id(), order.placedAt(), line.quantity()))
				.toList();
	}

	/** Cart lines present before the run: 1 to 5 lines for the first carts customers. */
	Map<String, Integer> cart(int customer) {
		Random random = new Random(SEED * 7 + customer);
		Map<String, Integer> lines = new LinkedHashMap<>();
		int count = 1 + random.nextInt(5);
		while (lines.size() < count) {
			lines.put(sku(skewed(scale.products(), random)), 1 + random.nextInt(3));
		}
		return lines;
	}

	static String sessionId(int index) {
		return new UUID(SEED, index).toString();
	}
}
