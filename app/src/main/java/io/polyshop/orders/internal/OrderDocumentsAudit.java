package io.polyshop.orders.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bson.Document;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.shared.Money;

/**
 * Order rows (PostgreSQL, the truth) against order documents (their projection), both ways: every order has a
 * document with the same version, status, total and lines; every document has an order. Walks the orders, then the
 * documents, each by id in keyset batches. Repairs by re-projecting from the row, and removes documents whose order
 * PostgreSQL does not have (after a restore, documents taken after the PostgreSQL snapshot).
 */
@Component
@Order(10)
class OrderDocumentsAudit implements AuditCheck {

	private final PlacedOrders placedOrders;
	private final OrderProjection projection;
	private final MongoTemplate mongo;

	OrderDocumentsAudit(PlacedOrders placedOrders, OrderProjection projection, MongoTemplate mongo) {
		this.placedOrders = placedOrders;
		this.projection = projection;
		this.mongo = mongo;
	}

	@Override
	public String invariant() {
		return "order-documents";
	}

	@Override
	public String description() {
		return "order rows (PostgreSQL) ↔ order documents (document store): present both ways, same version, status, total, lines";
	}

	@Override
	public void run(AuditTally tally) {
		String after = null;
		for (List<OrderFacts> batch = placedOrders.factsAfter(null, tally.batchSize()); !batch.isEmpty();
				batch = placedOrders.factsAfter(after, tally.batchSize())) {
			Map<String, OrderDocument> documents = documents(batch.stream().map(OrderFacts::orderId).toList());
			for (OrderFacts order : batch) {
				String difference = difference(order, documents.get(order.orderId()));
				if (difference != null) {
					tally.drifted("order " + order.orderId() + ": " + difference);
					if (tally.repair()) {
						projection.reproject(order.orderId());
						tally.repaired();
					}
				}
			}
			tally.checked(batch.size());
			after = batch.get(batch.size() - 1).orderId();
		}
		orphans(tally);
	}

	/** Documents whose order PostgreSQL does not have. */
	private void orphans(AuditTally tally) {
		String after = "";
		while (true) {
			Query page = Query.query(Criteria.where("_id").gt(after)).with(Sort.by("_id")).limit(tally.batchSize());
			page.fields().include("_id");
			List<String> ids = mongo.find(page, Document.class, "orders").stream().map(d -> d.get("_id").toString()).toList();
			if (ids.isEmpty()) {
				return;
			}
			Map<String, String> statuses = placedOrders.statuses(ids);
			for (String id : ids) {
				if (!statuses.containsKey(id)) {
					tally.drifted("document " + id + ": no such order in PostgreSQL");
					if (tally.repair()) {
						mongo.remove(Query.query(Criteria.where("_id").is(id)), OrderDocument.class);
						tally.repaired();
					}
				}
			}
			tally.checked(ids.size());
			after = ids.get(ids.size() - 1);
		}
	}

	private Map<String, OrderDocument> documents(List<String> ids) {
		Map<String, OrderDocument> byId = new HashMap<>();
		mongo.find(Query.query(Criteria.where("_id").in(ids)), OrderDocument.class).forEach(d -> byId.put(d.id(), d));
		return byId;
	}

	/** What differs between the row and its document, or {@code null} when they agree. */
	static String difference(OrderFacts order, OrderDocument document) {
		if (document == null) {
			return "no document";
		}
		List<String> differences = new ArrayList<>();
		if (document.version() != order.version()) {
			differences.add("version " + document.version() + " ≠ " + order.version());
		}
		if (!Objects.equals(document.status(), order.status())) {
			differences.add("status " + document.status() + " ≠ " + order.status());
		}
		if (!same(document.total(), order.total())) {
			differences.add("total " + document.total() + " ≠ " + order.total());
		}
		if (!sameLines(document.lines(), order.lines())) {
			differences.add("lines differ");
		}
		return differences.isEmpty() ? null : String.join(", ", differences);
	}

	private static boolean sameLines(List<OrderSnapshot.Line> documentLines, List<OrderFacts.Line> rowLines) {
		if (documentLines == null || documentLines.size() != rowLines.size()) {
			return false;
		}
		for (int i = 0; i < rowLines.size(); i++) {
			OrderSnapshot.Line d = documentLines.get(i);
			OrderFacts.Line r = rowLines.get(i);
			if (!Objects.equals(d.sku(), r.sku()) || d.quantity() != r.quantity() || !same(d.unitPrice(), r.unitPrice())) {
				return false;
			}
		}
		return true;
	}

	private static boolean same(Money a, Money b) {
		return a != null && b != null && a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
	}
}
