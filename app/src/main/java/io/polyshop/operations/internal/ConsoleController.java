package io.polyshop.operations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.operations.internal.ConsoleTimeline.Sample;
import io.polyshop.operations.internal.OutboxBacklog.OutboxView;
import io.polyshop.operations.internal.StoreLatencies.LatencySummary;
import io.polyshop.stores.Store;

/**
 * {@code GET /api/admin/console}: everything the operations console shows, in one answer so one poll refreshes it
 * all: each store (where, what, health, records, latency), the outbox backlog and the recent timeline.
 */
@RestController
class ConsoleController {

	private final StoreDescriptions descriptions;
	private final StoreLatencies latencies;
	private final OutboxBacklog outbox;
	private final ConsoleTimeline timeline;
	private final Duration heartbeatInterval;
	private final Clock clock;

	ConsoleController(StoreDescriptions descriptions, StoreLatencies latencies, OutboxBacklog outbox,
			ConsoleTimeline timeline, @Value("${polyshop.operations.heartbeat-interval:5s}") Duration heartbeatInterval,
			Clock clock) {
		this.clock = clock;
		this.descriptions = descriptions;
		this.latencies = latencies;
		this.outbox = outbox;
		this.timeline = timeline;
		this.heartbeatInterval = heartbeatInterval;
	}

	@GetMapping("/api/admin/console")
	ConsoleView console() {
		List<StoreStatus> stores = descriptions.describeAll().stream()
				.map(store -> new StoreStatus(store.store(), store.mode(), store.address(), store.status(), store.version(),
						store.holds(), store.records(), latencies.summary(storeNamed(store.store()))))
				.toList();
		OutboxView backlog = outbox.backlog();
		return new ConsoleView(clock.instant(), heartbeatInterval.toSeconds(), stores, backlog,
				new Timeline(heartbeatInterval.toSeconds(), timeline.samples()));
	}

	private static Store storeNamed(String id) {
		for (Store store : Store.values()) {
			if (store.id().equals(id)) {
				return store;
			}
		}
		throw new IllegalArgumentException("Unknown store " + id);
	}

	record ConsoleView(Instant generatedAt, long heartbeatSeconds, List<StoreStatus> stores, OutboxView outbox,
			Timeline timeline) {
	}

	record StoreStatus(String store, String mode, String address, String status, String version, String holds,
			Map<String, Long> records, LatencySummary latency) {
	}

	record Timeline(long intervalSeconds, List<Sample> samples) {
	}
}
