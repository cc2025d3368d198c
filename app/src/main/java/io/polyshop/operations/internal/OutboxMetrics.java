package io.polyshop.operations.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.operations.internal.OutboxBacklog.OutboxSummary;

/**
 * The outbox backlog as gauges, read from PostgreSQL when scraped: {@code polyshop.outbox.incomplete} (event
 * publications no listener has completed) and {@code polyshop.outbox.oldest.age} (seconds the oldest has waited; 0
 * when none). A growing backlog means a projection store is down or a listener keeps failing. While PostgreSQL does
 * not answer, both read NaN (a gap in the graph), never an error in the log.
 */
@Component
class OutboxMetrics {

	private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

	private final OutboxBacklog backlog;

	OutboxMetrics(OutboxBacklog backlog, MeterRegistry registry) {
		this.backlog = backlog;
		Gauge.builder("polyshop.outbox.incomplete", this, metrics -> metrics.read(true))
				.description("Event publications (transactional outbox) not completed yet").register(registry);
		Gauge.builder("polyshop.outbox.oldest.age", this, metrics -> metrics.read(false))
				.description("How long the oldest incomplete event publication has waited").baseUnit("seconds").register(registry);
	}

	private double read(boolean count) {
		try {
			OutboxSummary summary = backlog.summary();
			return count ? summary.incomplete() : (summary.oldestAgeSeconds() == null ? 0 : summary.oldestAgeSeconds());
		}
		catch (RuntimeException e) {
			log.debug("Outbox backlog not readable: {}", e.getMessage());
			return Double.NaN;
		}
	}
}
