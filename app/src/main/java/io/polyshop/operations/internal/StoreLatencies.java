package io.polyshop.operations.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.polyshop.stores.Store;

/**
 * Times one cheap round trip to each store into {@code polyshop.store.latency{store=...}} (p50, p95 and p99
 * published, so any Micrometer backend sees them) and counts the round trips that failed in
 * {@code polyshop.store.errors{store=...}}.
 */
@Component
class StoreLatencies {

	static final String LATENCY_METER = "polyshop.store.latency";
	static final String ERRORS_METER = "polyshop.store.errors";

	private final Map<Store, Timer> timers = new EnumMap<>(Store.class);
	private final Map<Store, Counter> errors = new EnumMap<>(Store.class);

	StoreLatencies(List<StoreProbe> probes, MeterRegistry registry) {
		for (StoreProbe probe : probes) {
			Store store = probe.store();
			timers.put(store, Timer.builder(LATENCY_METER)
					.description("One round trip to the store, timed by the operations heartbeat")
					.tag("store", store.id())
					.publishPercentiles(0.5, 0.95, 0.99)
					.register(registry));
			errors.put(store, Counter.builder(ERRORS_METER)
					.description("Heartbeat round trips to the store that failed")
					.tag("store", store.id())
					.register(registry));
		}
	}

	/** Pings the store once; the latency in milliseconds, or empty when the store did not answer. */
	OptionalDouble measure(StoreProbe probe) {
		long start = System.nanoTime();
		try {
			probe.ping();
		}
		catch (RuntimeException e) {
			errors.get(probe.store()).increment();
			return OptionalDouble.empty();
		}
		long elapsed = System.nanoTime() - start;
		timers.get(probe.store()).record(elapsed, TimeUnit.NANOSECONDS);
		return OptionalDouble.of(elapsed / 1_000_000.0);
	}

	/** The recent percentiles (Micrometer's decaying window) and lifetime counts for one store. */
	LatencySummary summary(Store store) {
		Timer timer = timers.get(store);
		long failures = (long) errors.get(store).count();
		if (timer.count() == 0) {
			return new LatencySummary(null, null, null, 0, failures);
		}
		HistogramSnapshot snapshot = timer.takeSnapshot();
		Double p50 = null, p95 = null, p99 = null;
		for (ValueAtPercentile value : snapshot.percentileValues()) {
			double millis = value.value(TimeUnit.MILLISECONDS);
			if (value.percentile() == 0.5) {
				p50 = millis;
			}
			else if (value.percentile() == 0.95) {
				p95 = millis;
			}
			else if (value.percentile() == 0.99) {
				p99 = millis;
			}
		}
		return new LatencySummary(p50, p95, p99, timer.count(), failures);
	}

	/** Latency percentiles in milliseconds (null before the first round trip), round trips timed, and failures. */
	record LatencySummary(Double p50Ms, Double p95Ms, Double p99Ms, long pings, long errors) {
	}
}
