package io.polyshop.benchmarks;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The nested order as the app projects it (orders.internal.OrderDocument, mapped by Spring Data MongoDB: money as
 * Decimal128, instants as dates, a _class field), and the same shape as JSON for the PostgreSQL JSONB variant.
 */
final class OrderDocuments {

	private OrderDocuments() {
	}

	static Document bson(Dataset.Order order, int version) {
		return new Document(shape(order, version, Decimal128::new, Date::from));
	}

	static Map<String, Object> json(Dataset.Order order, int version) {
		return shape(order, version, BigDecimal::toPlainString, Instant::toString);
	}

	private static Map<String, Object> shape(Dataset.Order order, int version, Function<BigDecimal, Object> amount,
			Function<Instant, Object> instant) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("_id", order.id().toString());
		doc.put("customerId", order.customerId());
		doc.put("status", order.status());
		if (order.status().equals("CANCELLED")) {
			doc.put("cancelReason", "payment declined");
		}
		doc.put("total", money(order.total(), amount));
		List<Object> lines = new ArrayList<>();
		for (Dataset.Line line : order.lines()) {
			Map<String, Object> l = new LinkedHashMap<>();
			l.put("sku", line.sku());
			l.put("title", line.title());
			l.put("quantity", line.quantity());
			l.put("unitPrice", money(line.unitPrice(), amount));
			l.put("lineTotal", money(line.lineTotal(), amount));
			lines.add(new LinkedHashMap<>(l));
		}
		doc.put("lines", lines);
		doc.put("shippingAddress", Map.of("name", order.shipName(), "line1", order.shipLine1(), "city", order.shipCity(),
				"postalCode", order.shipPostalCode(), "country", order.shipCountry()));
		doc.put("payment", Map.of("reference", order.paymentReference(), "cardLast4", order.cardLast4()));
		List<Object> timeline = new ArrayList<>();
		order.timeline().forEach(change -> timeline.add(Map.of("status", change.getKey(), "at", instant.apply(change.getValue()))));
		doc.put("timeline", timeline);
		doc.put("placedAt", instant.apply(order.placedAt()));
		doc.put("version", version);
		doc.put("projectedAt", instant.apply(order.placedAt().plusSeconds(301)));
		doc.put("_class", "io.polyshop.orders.internal.OrderDocument");
		return doc;
	}

	private static Map<String, Object> money(BigDecimal value, Function<BigDecimal, Object> amount) {
		Map<String, Object> money = new LinkedHashMap<>();
		money.put("amount", amount.apply(value));
		money.put("currency", Dataset.CURRENCY);
		return money;
	}

	/** The catalog document as catalog.internal.ProductDocument is stored (published, with _class). */
	static Map<String, Object> product(Dataset.Product p, Function<Instant, Object> instant) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("_id", p.sku());
		doc.put("title", p.title());
		doc.put("description", p.description());
		doc.put("category", p.category());
		doc.put("attributes", p.attributes());
		doc.put("images", p.images());
		doc.put("published", true);
		doc.put("createdAt", instant.apply(Dataset.NOW.minusSeconds(86_400)));
		doc.put("_class", "io.polyshop.catalog.internal.ProductDocument");
		return doc;
	}
}
