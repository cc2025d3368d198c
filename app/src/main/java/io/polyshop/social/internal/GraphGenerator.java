package io.polyshop.social.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import net.datafaker.Faker;

/**
 * Fills the graph with a realistic social network for load tests and demos: customers, FOLLOWS edges whose
 * targets are skewed towards a few popular accounts (as real follower counts are), and purchases of products
 * whose popularity is skewed too. Runs at start-up when {@code polyshop.social.generate.customers} is above 0.
 * Every generated id starts with {@code gen-}, so generated data never mixes with real customers or products.
 * Writes in batches of {@code UNWIND}ed rows, one transaction per batch, and MERGEs everything: the same plan
 * run twice gives the same graph (the random source is seeded).
 */
@Component
class GraphGenerator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(GraphGenerator.class);

	/** How big a graph to generate. */
	record Plan(int customers, int followsPerCustomer, int products, int ordersPerCustomer, int batchSize, long seed) {

		long expectedFollows() {
			return (long) customers * followsPerCustomer;
		}
	}

	private final Neo4jClient neo4j;
	private final GraphSchema schema;
	private final Plan configured;
	private final Clock clock;

	GraphGenerator(Neo4jClient neo4j, GraphSchema schema,
			@Value("${polyshop.social.generate.customers:0}") int customers,
			@Value("${polyshop.social.generate.follows-per-customer:10}") int followsPerCustomer,
			@Value("${polyshop.social.generate.products:2000}") int products,
			@Value("${polyshop.social.generate.orders-per-customer:3}") int ordersPerCustomer,
			@Value("${polyshop.social.generate.batch-size:10000}") int batchSize,
			@Value("${polyshop.social.generate.seed:42}") long seed, Clock clock) {
		this.clock = clock;
		this.neo4j = neo4j;
		this.schema = schema;
		this.configured = new Plan(customers, followsPerCustomer, products, ordersPerCustomer, batchSize, seed);
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (configured.customers() > 0) {
			generate(configured);
		}
	}

	void generate(Plan plan) {
		log.info("Generating a social graph: {} customers, ~{} FOLLOWS, {} products, ~{} orders, {} rows per transaction",
				plan.customers(), plan.expectedFollows(), plan.products(), (long) plan.customers() * plan.ordersPerCustomer(),
				plan.batchSize());
		if (!schema.create()) { // MERGE on millions of rows needs the unique indexes first
			throw new IllegalStateException("Neo4j is not reachable; nothing was generated");
		}
		Random random = new Random(plan.seed());
		Faker faker = new Faker(Locale.ENGLISH, new Random(plan.seed()));
		long started = System.nanoTime();

		try (Batches products = new Batches("products", plan.products(), plan.batchSize(), """
				UNWIND $rows AS row
				MERGE (p:Product {sku: row.sku})
				SET p.title = row.title, p.generated = true""")) {
			for (int i = 0; i < plan.products(); i++) {
				products.add(Map.of("sku", sku(i), "title", faker.commerce().productName()));
			}
		}
		try (Batches customers = new Batches("customers", plan.customers(), plan.batchSize(), """
				UNWIND $rows AS row
				MERGE (c:Customer {id: row.id})
				SET c.name = row.name, c.generated = true""")) {
			for (int i = 0; i < plan.customers(); i++) {
				customers.add(Map.of("id", customer(i), "name", faker.name().fullName()));
			}
		}
		try (Batches follows = new Batches("FOLLOWS", plan.expectedFollows(), plan.batchSize(), """
				UNWIND $rows AS row
				MATCH (a:Customer {id: row.from}), (b:Customer {id: row.to})
				MERGE (a)-[:FOLLOWS]->(b)""")) {
			for (int i = 0; i < plan.customers(); i++) {
				for (int target : followed(i, plan, random)) {
					follows.add(Map.of("from", customer(i), "to", customer(target)));
				}
			}
		}
		long now = clock.instant().getEpochSecond();
		long year = Duration.ofDays(365).toSeconds();
		try (Batches purchases = new Batches("PURCHASED", (long) plan.customers() * plan.ordersPerCustomer() * 2, plan.batchSize(), """
				UNWIND $rows AS row
				MATCH (c:Customer {id: row.customer}), (p:Product {sku: row.sku})
				MERGE (c)-[b:PURCHASED {orderId: row.orderId, sku: row.sku}]->(p)
				  ON CREATE SET b.at = datetime({epochSeconds: row.at}), b.quantity = row.quantity""")) {
			for (int i = 0; i < plan.customers(); i++) {
				int orders = random.nextInt(plan.ordersPerCustomer() * 2 + 1);
				for (int order = 0; order < orders; order++) {
					String orderId = "gen-o-" + i + "-" + order;
					long at = now - (long) (random.nextDouble() * year);
					Set<Integer> skus = new HashSet<>();
					int lines = 1 + random.nextInt(3);
					while (skus.size() < Math.min(lines, plan.products())) {
						skus.add(skewed(plan.products(), random));
					}
					for (int product : skus) {
						purchases.add(Map.of("customer", customer(i), "orderId", orderId, "sku", sku(product), "at", at,
								"quantity", 1 + random.nextInt(3)));
					}
				}
			}
		}
		log.info("Social graph generated in {} s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	/** Between 1 and twice the mean number of accounts, mostly popular ones (low indexes), some at random. */
	private static Set<Integer> followed(int follower, Plan plan, Random random) {
		int count = Math.min(1 + random.nextInt(plan.followsPerCustomer() * 2), plan.customers() - 1);
		Set<Integer> targets = new HashSet<>();
		while (targets.size() < count) {
			int target = random.nextBoolean() ? skewed(plan.customers(), random) : random.nextInt(plan.customers());
			if (target != follower) {
				targets.add(target);
			}
		}
		return targets;
	}

	/** An index in [0, size) where low indexes are far more likely: a cheap stand-in for a power law. */
	private static int skewed(int size, Random random) {
		double u = random.nextDouble();
		return (int) (size * u * u * u);
	}

	static String customer(int index) {
		return "gen-c-%06d".formatted(index);
	}

	static String sku(int index) {
		return "gen-sku-%05d".formatted(index);
	}

	/** Rows written in batches, one transaction each, with progress in percent and rows per second. */
	private final class Batches implements AutoCloseable {

		private final String what;
		private final long expected;
		private final int size;
		private final String cypher;
		private final List<Map<String, Object>> rows = new ArrayList<>();
		private final long started = System.nanoTime();
		private long written;
		private long nextReport;

		Batches(String what, long expected, int size, String cypher) {
			this.what = what;
			this.expected = Math.max(expected, 1);
			this.size = size;
			this.cypher = cypher;
			this.nextReport = Math.max(this.expected / 10, 1);
		}

		void add(Map<String, Object> row) {
			rows.add(row);
			if (rows.size() >= size) {
				flush();
			}
		}

		private void flush() {
			if (rows.isEmpty()) {
				return;
			}
			neo4j.query(cypher).bind(List.copyOf(rows)).to("rows").run();
			written += rows.size();
			rows.clear();
			if (written >= nextReport) {
				report();
				nextReport += Math.max(expected / 10, 1);
			}
		}

		private void report() {
			double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
			log.info("Generating {}: {} rows ({}%), {} rows/s", what, written, Math.min(100, written * 100 / expected),
					Math.round(written / seconds));
		}

		@Override
		public void close() {
			flush();
			report();
		}
	}
}
