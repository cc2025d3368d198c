package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command for the whole comparison: starts the four engines, generates and loads the shop into both sides (once
 * per data directory), runs every workload on both sides under JMH, and writes the table (Markdown, JSON) and the
 * charts. Usage: {@code BenchmarkRun quick|full <output directory>}; system properties: bench.repeats (full: 3),
 * bench.include (a JMH regex, default every benchmark), bench.data (data directory), polyshop.neo4j.classpath.
 */
public final class BenchmarkRun {

	private BenchmarkRun() {
	}

	public static void main(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : "quick";
		Path output = Path.of(args.length > 1 ? args[1] : "target/benchmarks");
		// Maven's exec:exec hands no -D of its own command line to this JVM: -Dbench.options="bench.repeats=1 ..." does
		for (int i = 2; i < args.length; i++) {
			for (String option : args[i].trim().split("\\s+")) {
				int equals = option.indexOf('=');
				if (equals > 0) {
					System.setProperty(option.substring(0, equals), option.substring(equals + 1));
				}
			}
		}
		if (!mode.equals("quick")) {
			output = output.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + System.getProperty("bench.scale", mode));
		}
		try {
			run(mode, output);
		}
		catch (Exception | Error e) {
			e.printStackTrace();
			System.exit(1); // the engines' non-daemon threads would keep the JVM alive
		}
		System.exit(0);
	}

	static List<Report.Row> run(String mode, Path output) throws Exception {
		boolean quick = mode.equals("quick");
		// the data size can differ from the timing mode: -Dbench.scale=small with mode full
		Scale scale = Scale.named(System.getProperty("bench.scale", mode.equals("quick") ? "quick" : mode));
		Path data = Path.of(System.getProperty("bench.data", "target/bench-data-" + scale.name())).toAbsolutePath();
		int repeats = Integer.getInteger("bench.repeats", quick ? 1 : 3);
		String neo4jClasspath = System.getProperty("polyshop.neo4j.classpath",
				"../neo4j-server/target/classes:../neo4j-server/target/lib/*");
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("date", ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString());
		run.put("machine", Machine.describe());
		run.put("load average at start (1/5/15 min)", Machine.loadAverage());
		run.put("mode", mode + " timing, data " + scale);
		run.put("repeats", repeats);
		// Neo4j: the app's 512m heap and 128 MB page cache, but at full size a heap of 1g and a page cache holding the
		// whole graph (its store is 638 MB with indexes, 2026-11-26), as PostgreSQL has the OS cache for its 4.2 GB
		boolean full = scale.name().equals("full");
		if (full && System.getProperty("bench.neo4j.pagecache-mb") == null) {
			System.setProperty("bench.neo4j.pagecache-mb", "1024");
		}
		run.put("neo4j", "heap " + System.getProperty("bench.neo4j.heap", full ? "1g" : "512m") + ", page cache "
				+ Long.getLong("bench.neo4j.pagecache-mb", 128) + " MB");
		try (Engines engines = Engines.start(data, neo4jClasspath, System.getProperty("bench.neo4j.heap", full ? "1g" : "512m"))) {
			Endpoints endpoints = engines.endpoints();
			Loader.loadMissing(endpoints, new Dataset(scale), data, stores());
			if (Boolean.getBoolean("bench.loadOnly")) { // load now, measure later (the engines keep the data)
				return List.of();
			}
			if (!Boolean.getBoolean("bench.skipEquivalence")) { // for a rerun on data already checked
				try (Connections connections = new Connections(endpoints)) {
					Equivalence.check(connections, new Dataset(scale), quick ? 5 : 10, 4,
							Files.exists(Loader.Store.DOCUMENTS.marker(data)));
				}
			}
			endpoints.toSystemProperties();
			System.setProperty("bench.scale", scale.name());
			System.setProperty("bench.data", data.toString());
			List<String> jvmArgs = new ArrayList<>(endpoints.asJvmArguments());
			jvmArgs.addAll(List.of("-Dbench.scale=" + scale.name(), "-Dbench.data=" + data, "-Djava.awt.headless=true",
					"-Xmx1g", "-XX:+UseParallelGC"));
			List<Collection<RunResult>> results = new ArrayList<>();
			long started = System.nanoTime();
			for (int repeat = 1; repeat <= repeats; repeat++) {
				// one JMH at a time per machine by default (a lock in /tmp); other helpers' runs must not stop this one
				System.setProperty("jmh.ignoreLock", "true");
				ChainedOptionsBuilder options = new OptionsBuilder()
						.include(System.getProperty("bench.include", "io\\.polyshop\\.benchmarks\\..*Benchmark"))
						.mode(Mode.SampleTime)
						.timeUnit(TimeUnit.MICROSECONDS)
						.shouldFailOnError(true)
						.jvmArgsAppend(jvmArgs.toArray(String[]::new));
				if (quick) {
					// in-process and short: this proves every workload runs on both sides, not how fast
					options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
							.measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
				}
				else {
					// both sides get the same fork, warm-up and measurement: a fresh JVM each, 2 x 3 s warm-up, 3 x 4 s measured
					options.forks(Integer.getInteger("bench.forks", 1)).warmupIterations(2).warmupTime(TimeValue.seconds(Integer.getInteger("bench.warmup", 3)))
							.measurementIterations(3).measurementTime(TimeValue.seconds(Integer.getInteger("bench.measure", 4)));
				}
				results.add(new Runner(options.build()).run());
				System.out.printf("repeat %d of %d done after %.0f s%n", repeat, repeats, (System.nanoTime() - started) / 1e9);
			}
			run.put("load average at end (1/5/15 min)", Machine.loadAverage());
			run.put("benchmark minutes", Math.round((System.nanoTime() - started) / 6e10));
			run.put("indexes", INDEXES);
			List<Report.Row> rows = Report.rows(results);
			String merge = System.getProperty("bench.merge"); // an earlier part of the same run, on the same data
			if (merge != null) {
				List<Report.Row> earlier = Report.read(Path.of(merge));
				rows = Report.merge(rows, earlier);
				com.fasterxml.jackson.databind.JsonNode earlierRun = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(merge).toFile());
				run.put("merged", "the operations not measured in this run are from the earlier part started "
						+ earlierRun.path("date").asText() + " on the same loaded data (load average then "
						+ earlierRun.path("load average at start (1/5/15 min)").asText() + " -> "
						+ earlierRun.path("load average at end (1/5/15 min)").asText() + ", "
						+ earlierRun.path("benchmark minutes").asText() + " min)");
			}
			Report.write(output, rows, run);
			System.out.println(Report.markdown(rows, run));
			System.out.println("written to " + output.toAbsolutePath());
			return rows;
		}
	}

	/** -Dbench.stores=postgres,graph,redis loads only those (a store loaded later with another engine); default all. */
	private static java.util.Set<Loader.Store> stores() {
		String names = System.getProperty("bench.stores", "");
		if (names.isBlank()) {
			return java.util.EnumSet.allOf(Loader.Store.class);
		}
		java.util.Set<Loader.Store> stores = java.util.EnumSet.noneOf(Loader.Store.class);
		for (String name : names.split(",")) {
			stores.add(Loader.Store.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
		}
		return stores;
	}

	static final String INDEXES = "polyglot: PostgreSQL as the app's V1/V10/V30 (PKs, orders_idempotency, orders_by_status, "
			+ "order_lines_by_sku, event_publication's three); document store (the product's engine, module document-engine): _id and the app's "
			+ "@CompoundIndex declarations (products: published_title, published_category_title, published_created; orders: "
			+ "by_customer_status_newest_first, by_status_newest_first), persistent B-trees read by its query planner; Neo4j: the app's "
			+ "GraphSchema (unique Customer.id, Product.sku, PURCHASED(orderId, sku); range index PURCHASED.at); Redis: keys. "
			+ "pg-only: the same plus orders_by_customer (customer_id, status, placed_at DESC), order_doc PK + (customer_id, status, "
			+ "placed_at DESC), product PK, follows PK (follower, followee) + (followee, follower), purchased PK (order_id, sku) + "
			+ "(customer_id) INCLUDE (sku, at) + (sku, customer_id), cart PK + expires_at, cart_line PK (owner, sku), Spring Session "
			+ "JDBC's own (PK, SESSION_ID unique, EXPIRY_TIME, PRINCIPAL_NAME); VACUUM ANALYZE after loading";

	/** What the figures were measured on. */
	static final class Machine {

		private Machine() {
		}

		static String describe() {
			String cpu = "unknown CPU";
			try {
				cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
						.findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
			}
			catch (IOException ignored) {
				// not Linux
			}
			return "%d cores (%s), %d GiB RAM, %s %s, Java %s; shared with other work (see load average)".formatted(
					Runtime.getRuntime().availableProcessors(), cpu,
					((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
							.getTotalMemorySize() >> 30,
					System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
		}

		static String loadAverage() {
			try {
				String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
				return parts[0] + " / " + parts[1] + " / " + parts[2];
			}
			catch (IOException e) {
				return "unknown";
			}
		}
	}
}
