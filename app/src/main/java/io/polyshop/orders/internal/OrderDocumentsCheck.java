package io.polyshop.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.PlacedOrders;
import io.polyshop.checkout.PlacedOrders.OrderVersion;

/**
 * The consistency check between the source of truth (order rows in PostgreSQL) and its projection (order
 * documents): walks every order, and re-projects any whose document is missing or older than the order. The
 * outbox makes drift unlikely; this finds what it cannot (a document deleted by hand, a restore of one store
 * from an older backup than the other) and repairs it. It never deletes a document: the document count is in the
 * report, for a human to compare.
 */
@Component
class OrderDocumentsCheck {

	private static final Logger log = LoggerFactory.getLogger(OrderDocumentsCheck.class);
	private static final int BATCH = 500;

	private final PlacedOrders placedOrders;
	private final OrderProjection projection;
	private final MongoTemplate mongo;
	private final Clock clock;

	OrderDocumentsCheck(PlacedOrders placedOrders, OrderProjection projection, MongoTemplate mongo, Clock clock) {
		this.placedOrders = placedOrders;
		this.projection = projection;
		this.mongo = mongo;
		this.clock = clock;
	}

	record Report(long ordersChecked, long missing, long stale, long repaired, long documentCount, Instant finishedAt,
			Duration took) {
	}

	@Scheduled(cron = "${polyshop.consistency.orders-cron:0 30 3 * * *}")
	@SchedulerLock(name = "orders.documents-check", lockAtMostFor = "2h")
	void nightly() {
		try {
			run();
		}
		catch (RuntimeException e) { // a store is down tonight: tomorrow's run catches up
			log.warn("Order documents check did not run: {}", e.toString());
		}
	}

	Report run() {
		Instant started = clock.instant();
		long checked = 0;
		long missing = 0;
		long stale = 0;
		long repaired = 0;
		String after = null;
		for (List<OrderVersion> batch = placedOrders.versionsAfter(null, BATCH); !batch.isEmpty();
				batch = placedOrders.versionsAfter(after, BATCH)) {
			Map<String, Integer> documentVersions = documentVersions(batch);
			for (OrderVersion order : batch) {
				Integer documentVersion = documentVersions.get(order.orderId());
				if (documentVersion == null || documentVersion < order.version()) {
					if (documentVersion == null) {
						missing++;
					}
					else {
						stale++;
					}
					projection.project(order.orderId());
					repaired++;
				}
			}
			checked += batch.size();
			after = batch.get(batch.size() - 1).orderId();
		}
		Report report = new Report(checked, missing, stale, repaired, mongo.estimatedCount(OrderDocument.class), clock.instant(),
				Duration.between(started, clock.instant()));
		log.info("Order documents check: {}", report);
		return report;
	}

	private Map<String, Integer> documentVersions(List<OrderVersion> batch) {
		Query query = Query.query(Criteria.where("_id").in(batch.stream().map(OrderVersion::orderId).toList()));
		query.fields().include("_id", "version");
		Map<String, Integer> versions = new HashMap<>();
		mongo.find(query, Document.class, "orders").forEach(d -> versions.put(d.getString("_id"), d.getInteger("version")));
		return versions;
	}
}
