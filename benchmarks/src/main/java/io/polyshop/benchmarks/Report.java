package io.polyshop.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table (Markdown and JSON) and one chart per workload, from JMH's sample-time results. Throughput is derived
 * from the closed loop: threads ÷ mean latency. With several repeats, every figure is the median over repeats.
 */
final class Report {

	/** One measured row: a workload operation on one side. */
	record Row(String workload, String operation, String side, int threads, long samples, double throughput,
			double p50Millis, double p99Millis, double meanMillis, List<Double> throughputRepeats, List<Double> p50Repeats,
			List<Double> p99Repeats) {
	}

	private Report() {
	}

	static List<Row> rows(List<Collection<RunResult>> repeats) {
		Map<String, List<RunResult>> byKey = new TreeMap<>();
		for (Collection<RunResult> run : repeats) {
			for (RunResult result : run) {
				byKey.computeIfAbsent(key(result), k -> new ArrayList<>()).add(result);
			}
		}
		List<Row> rows = new ArrayList<>();
		byKey.values().forEach(results -> {
			RunResult first = results.get(0);
			String benchmark = first.getParams().getBenchmark();
			String[] parts = benchmark.split("\\.");
			String workload = parts[parts.length - 2].replace("Benchmark", "");
			String operation = parts[parts.length - 1];
			String depth = first.getParams().getParam("depth");
			if (depth != null) {
				operation = operation + " depth " + depth;
			}
			int threads = first.getParams().getThreads();
			List<Double> throughput = new ArrayList<>();
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			List<Double> mean = new ArrayList<>();
			long samples = 0;
			for (RunResult result : results) {
				Statistics stats = result.getPrimaryResult().getStatistics();
				double unitToMillis = millisPer(result.getPrimaryResult().getScoreUnit());
				mean.add(stats.getMean() * unitToMillis);
				p50.add(stats.getPercentile(50) * unitToMillis);
				p99.add(stats.getPercentile(99) * unitToMillis);
				throughput.add(threads / (stats.getMean() * unitToMillis / 1000.0));
				samples += stats.getN();
			}
			rows.add(new Row(workload, operation, first.getParams().getParam("side"), threads, samples, median(throughput),
					median(p50), median(p99), median(mean), throughput, p50, p99));
		});
		rows.sort((a, b) -> {
			int c = (a.workload() + a.operation()).compareTo(b.workload() + b.operation());
			return c != 0 ? c : Integer.compare(sideOrder(a.side()), sideOrder(b.side()));
		});
		return rows;
	}

	private static int sideOrder(String side) {
		return switch (side) {
			case Sides.POLYGLOT -> 0;
			case Sides.PG_ONLY -> 1;
			default -> 2;
		};
	}

	private static String key(RunResult result) {
		return result.getParams().getBenchmark() + "|" + result.getParams().getParam("depth") + "|" + result.getParams().getParam("side");
	}

	private static double millisPer(String unit) {
		return switch (unit.substring(0, unit.indexOf('/'))) {
			case "ns" -> 1e-6;
			case "us" -> 1e-3;
			case "ms" -> 1;
			case "s" -> 1000;
			default -> throw new IllegalArgumentException(unit);
		};
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	static Row polyglot(List<Row> rows, Row row) {
		return rows.stream().filter(r -> r.workload().equals(row.workload()) && r.operation().equals(row.operation())
				&& r.side().equals(Sides.POLYGLOT)).findFirst().orElse(null);
	}

	/** The issue's targets, where it sets one; answers null elsewhere. */
	static String target(List<Row> rows, Row row) {
		Row poly = polyglot(rows, row);
		if (poly == null || row.side().equals(Sides.POLYGLOT)) {
			return null;
		}
		double throughputRatio = poly.throughput() / row.throughput();
		double p50Speedup = row.p50Millis() / poly.p50Millis();
		double p99Speedup = row.p99Millis() / poly.p99Millis();
		return switch (row.workload()) {
			case "Cart" -> verdict(throughputRatio >= 2, "throughput >= 2x");
			case "Recommendation" -> {
				if (row.operation().endsWith("depth 2")) {
					yield verdict(p50Speedup >= 1 && p99Speedup >= 1, "p50 and p99 no slower");
				}
				if (row.operation().endsWith("depth 3") || row.operation().endsWith("depth 4")) {
					yield verdict(p50Speedup >= 3 && p99Speedup >= 3, "p50 and p99 >= 3x faster");
				}
				yield null;
			}
			case "OrderHistory" -> row.operation().equals("history") ? verdict(throughputRatio >= 1.5, "throughput >= 1.5x") : null;
			default -> null;
		};
	}

	private static String verdict(boolean met, String target) {
		return (met ? "met: " : "**MISSED**: ") + target;
	}

	static String markdown(List<Row> rows, Map<String, Object> run) {
		StringBuilder md = new StringBuilder();
		md.append("# Polyglot vs PostgreSQL-only: store-level benchmark\n\n");
		run.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
		md.append("""

				Throughput = threads ÷ mean latency (closed loop, JMH sample-time mode). p50/p99 per operation.
				Ratios: polyglot ÷ this row (throughput: > 1 means the polyglot side does more; p50: < 1 means the polyglot
				side answers faster). Figures are medians over the repeats; the JSON has each repeat.

				| workload | operation | side | threads | ops/s | p50 ms | p99 ms | throughput ratio poly/this | p50 ratio poly/this | target |
				|---|---|---|---:|---:|---:|---:|---:|---:|---|
				""");
		for (Row row : rows) {
			Row poly = polyglot(rows, row);
			boolean self = row.side().equals(Sides.POLYGLOT) || poly == null;
			md.append("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |\n".formatted(row.workload(), row.operation(), row.side(),
					row.threads(), fmt(row.throughput()), fmt(row.p50Millis()), fmt(row.p99Millis()),
					self ? "" : fmt(poly.throughput() / row.throughput()) + "×", self ? "" : fmt(poly.p50Millis() / row.p50Millis()) + "×",
					Objects.requireNonNullElse(target(rows, row), "")));
		}
		return md.toString();
	}

	static String fmt(double value) {
		if (value >= 100) {
			return "%.0f".formatted(value);
		}
		if (value >= 10) {
			return "%.1f".formatted(value);
		}
		if (value >= 0.1) {
			return "%.2f".formatted(value);
		}
		return "%.3f".formatted(value);
	}

	static void write(Path directory, List<Row> rows, Map<String, Object> run) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown(rows, run));
		Map<String, Object> json = new LinkedHashMap<>(run);
		List<Map<String, Object>> jsonRows = new ArrayList<>();
		for (Row row : rows) {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("workload", row.workload());
			r.put("operation", row.operation());
			r.put("side", row.side());
			r.put("threads", row.threads());
			r.put("samples", row.samples());
			r.put("throughputOpsPerSecond", row.throughput());
			r.put("p50Millis", row.p50Millis());
			r.put("p99Millis", row.p99Millis());
			r.put("meanMillis", row.meanMillis());
			Row poly = polyglot(rows, row);
			if (poly != null && !row.side().equals(Sides.POLYGLOT)) {
				r.put("throughputRatioPolyglotToThis", poly.throughput() / row.throughput());
				r.put("p50RatioPolyglotToThis", poly.p50Millis() / row.p50Millis());
				r.put("p99RatioPolyglotToThis", poly.p99Millis() / row.p99Millis());
				r.put("target", target(rows, row));
			}
			r.put("repeats", Map.of("throughput", row.throughputRepeats(), "p50Millis", row.p50Repeats(), "p99Millis", row.p99Repeats()));
			jsonRows.add(r);
		}
		json.put("rows", jsonRows);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("results.json").toFile(), json);
		charts(directory, rows);
	}

	/** One PNG per workload: p50 and p99 per operation and side, log scale (the sides differ by orders of magnitude). */
	static void charts(Path directory, List<Row> rows) throws IOException {
		Map<String, List<Row>> byWorkload = rows.stream()
				.collect(Collectors.groupingBy(Row::workload, LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<String, List<Row>> workload : byWorkload.entrySet()) {
			CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
					.title(workload.getKey() + ": latency per operation (ms, log scale; lower is better)")
					.xAxisTitle("operation").yAxisTitle("ms").build();
			chart.getStyler().setYAxisLogarithmic(true);
			chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
			chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
			chart.getStyler().setYAxisDecimalPattern("#,##0.###");
			List<String> operations = workload.getValue().stream().map(Row::operation).distinct().toList();
			List<String> sides = workload.getValue().stream().map(Row::side).distinct().toList();
			for (String side : sides) {
				for (String percentile : List.of("p50", "p99")) {
					List<Double> values = new ArrayList<>();
					for (String operation : operations) {
						values.add(workload.getValue().stream().filter(r -> r.side().equals(side) && r.operation().equals(operation))
								.findFirst().map(r -> percentile.equals("p50") ? r.p50Millis() : r.p99Millis())
								.map(v -> Math.max(v, 0.001)).orElse(0.001));
					}
					chart.addSeries(side + " " + percentile, operations, values);
				}
			}
			try {
				BitmapEncoder.saveBitmap(chart, directory.resolve(slug(workload.getKey())).toString(), BitmapEncoder.BitmapFormat.PNG);
			}
			catch (IllegalArgumentException logScaleRefused) {
				// XChart refuses a log axis for some bar layouts: a linear one then, rather than no chart
				chart.getStyler().setYAxisLogarithmic(false);
				chart.setTitle(workload.getKey() + ": latency per operation (ms; lower is better)");
				BitmapEncoder.saveBitmap(chart, directory.resolve(slug(workload.getKey())).toString(), BitmapEncoder.BitmapFormat.PNG);
			}
		}
	}

	/** Re-renders the charts of a results directory from its results.json: {@code Report <directory>}. */
	public static void main(String[] args) throws IOException {
		Path directory = Path.of(args[0]);
		charts(directory, read(directory.resolve("results.json")));
	}

	/** The rows of a results.json written by {@link #write}. */
	static List<Row> read(Path resultsJson) throws IOException {
		com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(resultsJson.toFile());
		List<Row> rows = new ArrayList<>();
		for (com.fasterxml.jackson.databind.JsonNode r : json.get("rows")) {
			com.fasterxml.jackson.databind.JsonNode repeats = r.path("repeats");
			rows.add(new Row(r.get("workload").asText(), r.get("operation").asText(), r.get("side").asText(), r.get("threads").asInt(),
					r.get("samples").asLong(), r.get("throughputOpsPerSecond").asDouble(), r.get("p50Millis").asDouble(),
					r.get("p99Millis").asDouble(), r.get("meanMillis").asDouble(), doubles(repeats.path("throughput")),
					doubles(repeats.path("p50Millis")), doubles(repeats.path("p99Millis"))));
		}
		return rows;
	}

	private static List<Double> doubles(com.fasterxml.jackson.databind.JsonNode array) {
		List<Double> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asDouble()));
		return values;
	}

	/**
	 * This run's rows plus an earlier run's rows for the operations this run did not measure (a run split in two, on
	 * the same loaded data: e.g. the graph workloads first, the document workloads once their engine is loaded).
	 */
	static List<Row> merge(List<Row> measured, List<Row> earlier) {
		List<Row> rows = new ArrayList<>(measured);
		for (Row row : earlier) {
			if (measured.stream().noneMatch(r -> r.workload().equals(row.workload()) && r.operation().equals(row.operation())
					&& r.side().equals(row.side()))) {
				rows.add(row);
			}
		}
		rows.sort((a, b) -> {
			int c = (a.workload() + a.operation()).compareTo(b.workload() + b.operation());
			return c != 0 ? c : Integer.compare(sideOrder(a.side()), sideOrder(b.side()));
		});
		return rows;
	}

	static String slug(String workload) {
		return Arrays.stream(workload.split("(?=[A-Z])")).map(String::toLowerCase).collect(Collectors.joining("-"));
	}
}
