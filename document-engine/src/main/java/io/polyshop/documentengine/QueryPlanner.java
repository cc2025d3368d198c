package io.polyshop.documentengine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import io.polyshop.documentengine.QueryConditions.FieldCondition;

/**
 * Picks how a query reads a collection: by {@code _id} when the filter fixes it (whatever else it says), else the
 * secondary index whose leading fields the filter fixes best (equalities, then one range), preferring one whose
 * order is the requested sort so that a page stops after skip + limit entries; a full scan only when nothing
 * bounds the query. The plan only narrows: every document it yields is still checked against the whole filter.
 */
final class QueryPlanner {

	/** A {@code $in} on several leading fields multiplies lookups: beyond this many, the rest is left to the matcher. */
	private static final int MAX_RANGES = 256;

	private QueryPlanner() {
	}

	/**
	 * @param orderBy the sort, or null
	 * @param wanted skip + limit when the caller stops after that many documents (then index order is worth more), 0
	 *        when it wants every match
	 * @param documents documents in the collection
	 */
	static QueryPlan plan(QueryConditions conditions, Document orderBy, long wanted, List<SecondaryIndex> indexes,
			boolean stringIds, long documents) {
		boolean limited = wanted > 0;
		List<IndexKey> sort = sortKeys(orderBy);
		FieldCondition id = conditions.get("_id");
		if (id != null && id.equality()) {
			boolean ordered = sort.isEmpty() || (sort.size() == 1 && sort.get(0).getKey().equals("_id"));
			List<Object> ids = new ArrayList<>(id.values());
			if (ordered && !sort.isEmpty() && !sort.get(0).isAscending()) {
				java.util.Collections.reverse(ids);
			}
			boolean countable = conditions.exact() && conditions.fields().size() == 1;
			return new QueryPlan("IDHACK", null, ids, List.of(), false, ordered, countable);
		}

		QueryPlan best = null;
		int bestScore = 0;
		long bestEntries = Long.MAX_VALUE;
		for (SecondaryIndex index : indexes) {
			Candidate candidate = candidate(index, conditions, sort);
			int score = candidate.equalities * 10 + (candidate.range ? 5 : 0) + (candidate.ordered && limited ? 3 : 0);
			if (score < bestScore || !(candidate.equalities > 0 || candidate.range || (candidate.ordered && limited && !sort.isEmpty()))) {
				continue;
			}
			// between equally good shapes, the one with fewer entries to read (counted in the B-tree: O(log n))
			long entries = entries(candidate.plan);
			if (score > bestScore || entries < bestEntries) {
				bestScore = score;
				bestEntries = entries;
				best = candidate.plan;
			}
		}

		if (stringIds && ((id != null && (id.low() instanceof String || id.high() instanceof String)) || isIdSort(sort))) {
			QueryPlan byId = idRange(id, sort);
			int score = (id != null ? 5 : 0) + (byId.ordered() && limited ? 3 : 0);
			if (score > bestScore && (id != null || (byId.ordered() && limited))) {
				return byId;
			}
			if (byId.ordered() && limited && best != null && !best.ordered() && readsFewerInIdOrder(wanted, bestEntries, documents)) {
				return byId;
			}
		}
		return best != null ? best : QueryPlan.scan(sort.isEmpty());
	}

	/**
	 * An index that does not give the requested {@code _id} order is read whole, then sorted: {@code entries}
	 * entries and documents. The {@code _id} range in order stops once the page is full: with the index's share of the
	 * documents matching, after about {@code wanted × documents / entries} documents. So a keyset page over a field
	 * most documents share ({@code published: true} among a million products) reads a page's worth by {@code _id},
	 * not the whole index; a rare value (a few entries) still reads the index.
	 */
	private static boolean readsFewerInIdOrder(long wanted, long entries, long documents) {
		return entries > 0 && (double) wanted * documents / entries < entries;
	}

	private static boolean isIdSort(List<IndexKey> sort) {
		return sort.size() == 1 && sort.get(0).getKey().equals("_id");
	}

	/** A range of string {@code _id}s in the data map (strings sort together there, in {@link String#compareTo} order). */
	private static QueryPlan idRange(FieldCondition id, List<IndexKey> sort) {
		boolean descending = !sort.isEmpty() && !sort.get(0).isAscending();
		Object low = id != null && id.low() instanceof String s ? s : "";
		Object high = id != null && id.high() instanceof String s ? s : null;
		if (descending && high == null) {
			return QueryPlan.scan(false);
		}
		Object[] range = descending ? new Object[] { high, low } : new Object[] { low, high };
		return new QueryPlan("IDSCAN", null, null, List.<Object[]>of(range), descending, sort.isEmpty() || isIdSort(sort), false);
	}

	private record Candidate(QueryPlan plan, int equalities, boolean range, boolean ordered) {
	}

	private static Candidate candidate(SecondaryIndex index, QueryConditions conditions, List<IndexKey> sort) {
		List<IndexKey> keys = index.getKeys();
		int width = keys.size() + 1; // the _id ends every entry
		List<Object[]> prefixes = new ArrayList<>();
		prefixes.add(new Object[0]);
		int equalities = 0;
		List<String> fixed = new ArrayList<>();
		while (equalities < keys.size()) {
			FieldCondition condition = conditions.get(keys.get(equalities).getKey());
			if (condition == null || !condition.equality() || prefixes.size() * condition.values().size() > MAX_RANGES) {
				break;
			}
			List<Object[]> longer = new ArrayList<>();
			for (Object[] prefix : prefixes) {
				for (Object value : condition.values()) {
					Object[] next = Arrays.copyOf(prefix, prefix.length + 1);
					next[prefix.length] = value;
					longer.add(next);
				}
			}
			prefixes = longer;
			if (condition.singleValue()) {
				fixed.add(keys.get(equalities).getKey());
			}
			equalities++;
		}
		FieldCondition rangeCondition = equalities < keys.size() ? conditions.get(keys.get(equalities).getKey()) : null;
		boolean range = rangeCondition != null && !rangeCondition.equality();

		// the order entries come in after the fixed prefix: the rest of the index, then the _id
		List<IndexKey> order = new ArrayList<>(keys.subList(equalities, keys.size()));
		order.add(new IndexKey("_id", true));
		List<IndexKey> wanted = sort.stream().filter(key -> !fixed.contains(key.getKey())).toList();
		Boolean reverse = prefixes.size() > 1 && !wanted.isEmpty() ? null : orderMatches(order, wanted);
		boolean ordered = reverse != null;

		List<Object[]> ranges = new ArrayList<>();
		for (Object[] prefix : prefixes) {
			Object[] from = fill(prefix, width, IndexKeyType.LOW);
			Object[] to = fill(prefix, width, IndexKeyType.HIGH);
			if (range) {
				boolean ascending = keys.get(equalities).isAscending();
				bound(from, to, equalities, rangeCondition, ascending);
			}
			ranges.add(Boolean.TRUE.equals(reverse) ? new Object[] { to, from } : new Object[] { from, to });
		}
		if (Boolean.TRUE.equals(reverse)) {
			java.util.Collections.reverse(ranges);
		}
		boolean countable = conditions.exact() && !range && equalities == conditions.fields().size()
				&& conditions.fields().values().stream().allMatch(FieldCondition::equality);
		QueryPlan plan = new QueryPlan("IXSCAN", index, null, ranges, Boolean.TRUE.equals(reverse), ordered, countable);
		return new Candidate(plan, equalities, range, ordered);
	}

	/** How many index entries the plan's ranges hold. */
	static long entries(QueryPlan plan) {
		org.h2.mvstore.MVMap<Object[], Boolean> entries = plan.index().entries();
		long total = 0;
		for (Object[] range : plan.ranges()) {
			Object[] from = (Object[]) (plan.reverse() ? range[1] : range[0]);
			Object[] to = (Object[]) (plan.reverse() ? range[0] : range[1]);
			total += insertionPoint(entries, to) - insertionPoint(entries, from);
		}
		return total;
	}

	/** How many entries sort before the key (which, holding a sentinel, is never in the map): O(log n). */
	static long insertionPoint(org.h2.mvstore.MVMap<Object[], Boolean> entries, Object[] key) {
		long index = entries.getKeyIndex(key);
		return index < 0 ? -index - 1 : index;
	}

	/** null if the index order is not the wanted order; else whether it is read backwards. */
	private static Boolean orderMatches(List<IndexKey> order, List<IndexKey> wanted) {
		if (wanted.isEmpty()) {
			return Boolean.FALSE;
		}
		if (wanted.size() > order.size()) {
			return null;
		}
		Boolean reverse = null;
		for (int i = 0; i < wanted.size(); i++) {
			if (!order.get(i).getKey().equals(wanted.get(i).getKey())) {
				return null;
			}
			boolean same = order.get(i).isAscending() == wanted.get(i).isAscending();
			if (reverse == null) {
				reverse = !same;
			}
			else if (reverse == same) {
				return null;
			}
		}
		return reverse;
	}

	/** Narrows {from, to} (index order) at the range field from a range in value order. */
	private static void bound(Object[] from, Object[] to, int position, FieldCondition range, boolean ascending) {
		Object startValue = ascending ? range.low() : range.high();
		boolean startInclusive = ascending ? range.lowInclusive() : range.highInclusive();
		Object endValue = ascending ? range.high() : range.low();
		boolean endInclusive = ascending ? range.highInclusive() : range.lowInclusive();
		if (startValue != null) {
			from[position] = startValue;
			Arrays.fill(from, position + 1, from.length, startInclusive ? IndexKeyType.LOW : IndexKeyType.HIGH);
		}
		if (endValue != null) {
			to[position] = endValue;
			Arrays.fill(to, position + 1, to.length, endInclusive ? IndexKeyType.HIGH : IndexKeyType.LOW);
		}
	}

	private static Object[] fill(Object[] prefix, int width, Object sentinel) {
		Object[] key = Arrays.copyOf(prefix, width);
		Arrays.fill(key, prefix.length, width, sentinel);
		return key;
	}

	static List<IndexKey> sortKeys(Document orderBy) {
		List<IndexKey> keys = new ArrayList<>();
		if (orderBy != null) {
			for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
				if (entry.getKey().equals("$natural")) {
					return List.of();
				}
				keys.add(new IndexKey(entry.getKey(), !(entry.getValue() instanceof Number n) || n.doubleValue() >= 0));
			}
		}
		return keys;
	}
}
