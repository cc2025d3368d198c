package io.polyshop.operations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The last minutes of the console's chart, kept in memory (a ring buffer; each instance has its own): per heartbeat
 * the HTTP requests served since the previous one and each store's round-trip latency.
 */
@Component
class ConsoleTimeline {

	/** 10 minutes at the default 5 s heartbeat. */
	static final int CAPACITY = 120;

	/** The console polls itself every few seconds; counting those polls would draw the console, not the shop. */
	private static final String CONSOLE_URI = "/api/admin/console";

	private final MeterRegistry registry;
	private final Clock clock;
	private final Deque<Sample> samples = new ArrayDeque<>(CAPACITY);
	private long lastRequestTotal = -1;

	ConsoleTimeline(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/** Records one point: requests since the previous call, and the given store latencies (null: no answer). */
	synchronized void record(Map<String, Double> storeLatencyMs) {
		long total = requestTotal();
		long requests = lastRequestTotal < 0 ? 0 : Math.max(0, total - lastRequestTotal);
		lastRequestTotal = total;
		if (samples.size() == CAPACITY) {
			samples.removeFirst();
		}
		samples.addLast(new Sample(clock.instant(), requests, storeLatencyMs));
	}

	synchronized List<Sample> samples() {
		return List.copyOf(samples);
	}

	private long requestTotal() {
		return registry.find("http.server.requests").timers().stream()
				.filter(timer -> !CONSOLE_URI.equals(timer.getId().getTag("uri")))
				.mapToLong(Timer::count)
				.sum();
	}

	/** @param latencyMs per store id, the heartbeat's round trip in milliseconds, null when the store did not answer */
	record Sample(Instant at, long requests, Map<String, Double> latencyMs) {
	}
}
