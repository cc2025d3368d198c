package io.polyshop.documentengine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * What a query filter says about single fields that an index can bound: an equality or {@code $in} on a scalar, or a
 * range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}). Top-level {@code $and}s are flattened. Anything else
 * ({@code $or}, {@code $regex}, {@code $ne}, nulls, arrays, sub-documents, ...) is left to the matcher, which checks
 * every document the index yields; {@link #exact()} says whether there was nothing else, so that an index range
 * holds exactly the matching documents and can be counted without reading them.
 */
record QueryConditions(Map<String, FieldCondition> fields, boolean exact) {

	/** At most this many values of a {@code $in} become index lookups. */
	static final int MAX_IN = 256;

	/**
	 * At most this many {@code _id} values are read by their ids: each costs one B-tree lookup, so a batch far larger
	 * than the audit's (500 by default) is still cheaper than the collection scan it would otherwise be.
	 */
	static final int MAX_ID_IN = 10_000;

	/** Either {@code values} (equality or {@code $in}, sorted, distinct) or a range in value order. */
	record FieldCondition(List<Object> values, Object low, boolean lowInclusive, Object high, boolean highInclusive) {

		boolean equality() {
			return values != null;
		}

		boolean singleValue() {
			return values != null && values.size() == 1;
		}
	}

	static QueryConditions of(Document query) {
		Map<String, FieldCondition> fields = new LinkedHashMap<>();
		boolean exact = collect(query, fields);
		return new QueryConditions(fields, exact);
	}

	boolean isEmpty() {
		return fields.isEmpty();
	}

	FieldCondition get(String field) {
		return fields.get(field);
	}

	private static boolean collect(Document query, Map<String, FieldCondition> fields) {
		boolean exact = true;
		for (Map.Entry<String, Object> entry : query.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (key.equals("$and") && value instanceof Collection<?> parts) {
				for (Object part : parts) {
					exact &= part instanceof Document document && collect(document, fields);
				}
				continue;
			}
			if (key.startsWith("$")) {
				exact = false;
				continue;
			}
			FieldCondition condition = condition(value, key.equals("_id") ? MAX_ID_IN : MAX_IN);
			if (condition == null) {
				exact = false;
			}
			else if (fields.containsKey(key)) {
				exact = false; // two conditions on one field: the first bounds the index, the matcher checks both
			}
			else {
				fields.put(key, condition);
			}
		}
		return exact;
	}

	/** null when the value is nothing an index can bound exactly. */
	private static FieldCondition condition(Object value, int maxIn) {
		if (scalar(value)) {
			return new FieldCondition(List.of(value), null, false, null, false);
		}
		if (!(value instanceof Document operators) || operators.isEmpty()
				|| !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
			return null;
		}
		if (operators.size() == 1 && operators.containsKey("$eq") && scalar(operators.get("$eq"))) {
			return new FieldCondition(List.of(operators.get("$eq")), null, false, null, false);
		}
		if (operators.size() == 1 && operators.get("$in") instanceof Collection<?> in && !in.isEmpty() && in.size() <= maxIn
				&& in.stream().allMatch(QueryConditions::scalar)) {
			TreeSet<Object> sorted = new TreeSet<>(ValueComparator.ascWithoutListHandling());
			sorted.addAll(in);
			return new FieldCondition(new ArrayList<>(sorted), null, false, null, false);
		}
		Object low = null;
		Object high = null;
		boolean lowInclusive = false;
		boolean highInclusive = false;
		for (Map.Entry<String, Object> operator : operators.entrySet()) {
			Object bound = operator.getValue();
			if (!scalar(bound)) {
				return null;
			}
			switch (operator.getKey()) {
				case "$gt" -> { low = bound; lowInclusive = false; }
				case "$gte" -> { low = bound; lowInclusive = true; }
				case "$lt" -> { high = bound; highInclusive = false; }
				case "$lte" -> { high = bound; highInclusive = true; }
				default -> {
					return null;
				}
			}
		}
		return new FieldCondition(null, low, lowInclusive, high, highInclusive);
	}

	private static boolean scalar(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Instant
				|| value instanceof ObjectId || value instanceof UUID;
	}
}
