package io.polyshop.documentengine;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How one query reads the collection.
 *
 * @param stage {@code IDHACK} (documents by {@code _id}), {@code IDSCAN} (a range of {@code _id}s), {@code IXSCAN} (a
 *        secondary index) or {@code COLLSCAN} (every document)
 * @param index the secondary index read, for {@code IXSCAN}
 * @param ids the {@code _id}s looked up, for {@code IDHACK}, in the order they are read
 * @param ranges the key ranges read in order, each {from, to} in the order of reading, for {@code IXSCAN} and
 *        {@code IDSCAN}
 * @param reverse whether the ranges are read backwards
 * @param ordered whether the documents come out in the order the query asks for (no sort needed)
 * @param countable whether the ranges hold exactly the matching documents, one entry each (a count needs no document)
 */
record QueryPlan(String stage, SecondaryIndex index, List<Object> ids, List<Object[]> ranges, boolean reverse, boolean ordered,
		boolean countable) {

	static QueryPlan scan(boolean ordered) {
		return new QueryPlan("COLLSCAN", null, null, List.of(), false, ordered, false);
	}

	Document describe() {
		Document plan = new Document("stage", stage);
		if (index != null) {
			plan.append("indexName", index.getName());
			Document keyPattern = new Document();
			index.getKeys().forEach(key -> keyPattern.append(key.getKey(), key.isAscending() ? 1 : -1));
			plan.append("keyPattern", keyPattern);
			plan.append("isMultiKey", index.multikey());
		}
		plan.append("direction", reverse ? "backward" : "forward");
		plan.append("sorted", ordered);
		return plan;
	}
}
