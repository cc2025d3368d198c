package io.polyshop.orders.internal;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.OrderCancelled;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.OrderPlaced;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.shared.FaultSeams;

/**
 * Keeps the order documents in step with the order rows. Each event only says "this order changed": the listener
 * reads the order's current state from PostgreSQL and writes it as one single-document upsert, guarded by the
 * order's version, so redelivered, reordered or concurrent events never duplicate a document nor put an older
 * state over a newer one. If MongoDB is down the listener fails, its publication stays incomplete in the outbox,
 * and it is resubmitted until it succeeds.
 */
@Component
class OrderProjection {

	private static final Logger log = LoggerFactory.getLogger(OrderProjection.class);

	private final PlacedOrders placedOrders;
	private final MongoTemplate mongo;
	private final Clock clock;
	private final FaultSeams seams;

	OrderProjection(PlacedOrders placedOrders, MongoTemplate mongo, Clock clock, FaultSeams seams) {
		this.placedOrders = placedOrders;
		this.mongo = mongo;
		this.clock = clock;
		this.seams = seams;
	}

	/**
	 * An order usually completes (or is cancelled) milliseconds after it is placed, before this listener runs: then the
	 * later event's own publication writes the document, and writing it here too would be the same write twice.
	 */
	@ApplicationModuleListener
	void on(OrderPlaced event) {
		project(event.orderId(), true);
	}

	@ApplicationModuleListener
	void on(OrderCompleted event) {
		project(event.orderId());
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		project(event.orderId());
	}

	void project(String orderId) {
		project(orderId, false);
	}

	private void project(String orderId, boolean onlyWhilePlaced) {
		// the status alone first: one small query, where the whole order is three
		if (onlyWhilePlaced && settled(placedOrders.statuses(List.of(orderId)).get(orderId))) {
			return;
		}
		placedOrders.find(orderId).ifPresentOrElse(order -> {
			if (onlyWhilePlaced && settled(order.status())) {
				return;
			}
			order.lines().forEach(line -> seams.reached("before-order-document", line.title()));
			OrderDocument document = OrderDocument.of(order, clock.instant());
			Query olderOrAbsent = Query.query(Criteria.where("_id").is(orderId).and("version").lt(order.version()));
			try {
				mongo.findAndReplace(olderOrAbsent, document, FindAndReplaceOptions.options().upsert());
			}
			catch (DuplicateKeyException alreadyNewer) {
				// the document exists with this version or a newer one: nothing to do
			}
		}, () -> log.warn("Order {} is not in PostgreSQL; no document written", orderId));
	}

	private static boolean settled(String status) {
		return status != null && OrderStatus.named(status).filter(OrderStatus::settled).isPresent();
	}

	/**
	 * Makes the document equal to the order's current state whatever it holds now (the audit's repair): also
	 * replaces a document with the same or a higher version than the row (a hand edit, or a document store
	 * restored from a later point than PostgreSQL), and removes the document of an order PostgreSQL does not have.
	 */
	void reproject(String orderId) {
		placedOrders.find(orderId).ifPresentOrElse(order -> {
			OrderDocument document = OrderDocument.of(order, clock.instant());
			try {
				mongo.findAndReplace(Query.query(Criteria.where("_id").is(orderId).and("version").lte(order.version())), document,
						FindAndReplaceOptions.options().upsert());
			}
			catch (DuplicateKeyException ahead) {
				// a document claims a version the row never had: PostgreSQL is the truth
				mongo.remove(Query.query(Criteria.where("_id").is(orderId).and("version").gt(order.version())), OrderDocument.class);
				project(orderId);
			}
		}, () -> mongo.remove(Query.query(Criteria.where("_id").is(orderId)), OrderDocument.class));
	}
}
