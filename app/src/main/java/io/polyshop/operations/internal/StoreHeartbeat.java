package io.polyshop.operations.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code polyshop.operations.heartbeat-interval} (5 s), one round trip to each store: its latency goes to the
 * store's timer and, with the requests served meanwhile, to the console's timeline.
 */
@Component
class StoreHeartbeat {

	private final List<StoreProbe> probes;
	private final StoreLatencies latencies;
	private final ConsoleTimeline timeline;

	StoreHeartbeat(List<StoreProbe> probes, StoreLatencies latencies, ConsoleTimeline timeline) {
		this.probes = probes.stream().sorted(java.util.Comparator.comparing(StoreProbe::store)).toList();
		this.latencies = latencies;
		this.timeline = timeline;
	}

	// deliberately on every instance, without a cluster lock: it measures this instance's own round trips and writes nothing shared
	@Scheduled(fixedDelayString = "${polyshop.operations.heartbeat-interval:5s}")
	void beat() {
		Map<String, Double> latencyMs = new LinkedHashMap<>();
		for (StoreProbe probe : probes) {
			OptionalDouble latency = latencies.measure(probe);
			latencyMs.put(probe.store().id(), latency.isPresent() ? latency.getAsDouble() : null);
		}
		timeline.record(latencyMs);
	}
}
