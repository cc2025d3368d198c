package io.polyshop.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Before anything is timed: both sides must give the same answers on the loaded data, or the comparison is between
 * two different features. Throws on the first disagreement.
 */
final class Equivalence {

	private Equivalence() {
	}

	/** With {@code documents} false (the document store not loaded yet: a run split in two) the graph, carts only. */
	static void check(Connections connections, Dataset data, int samples, int maxDepth, boolean documents) {
		Random random = new Random(5);
		RecommendationStore graph = RecommendationStore.of(Sides.POLYGLOT, connections);
		RecommendationStore pg = RecommendationStore.of(Sides.PG_ONLY, connections);
		int nonEmpty = 0;
		for (int i = 0; i < samples; i++) {
			String customer = Dataset.customer(random.nextInt(data.scale().customers()));
			for (int depth = 1; depth <= maxDepth; depth++) {
				List<RecommendationStore.Recommended> a = graph.forCustomer(customer, depth);
				List<RecommendationStore.Recommended> b = pg.forCustomer(customer, depth);
				require(a.size() == b.size() && skus(a).equals(skus(b)), "recommendations", customer + " depth " + depth, a, b);
				for (int k = 0; k < a.size(); k++) {
					require(Math.abs(a.get(k).score() - b.get(k).score()) <= 0.002 && a.get(k).buyers() == b.get(k).buyers()
							&& a.get(k).followed() == b.get(k).followed() && Objects.equals(a.get(k).title(), b.get(k).title()),
							"recommendation scores", customer + " depth " + depth, a, b);
				}
				nonEmpty += a.isEmpty() ? 0 : 1;
			}
			String sku = Dataset.sku(Dataset.skewed(data.scale().products(), random));
			List<RecommendationStore.AlsoBought> x = graph.alsoBought(sku);
			List<RecommendationStore.AlsoBought> y = pg.alsoBought(sku);
			require(x.equals(y), "also bought", sku, x, y);
		}
		require(nonEmpty > 0, "recommendations", "any customer", "all empty", "");
		CartStore redis = CartStore.of(Sides.POLYGLOT, connections);
		CartStore cartTable = CartStore.of(Sides.PG_ONLY, connections);
		for (int i = 0; i < samples; i++) {
			String owner = Dataset.customer(random.nextInt(data.scale().carts()));
			Map<String, Integer> c1 = redis.read(owner);
			Map<String, Integer> c2 = cartTable.read(owner);
			require(c1.equals(c2), "cart", owner, c1, c2);
		}
		if (!documents) {
			System.out.printf("equivalence: both sides answer alike (%d samples, recommendations to depth %d; documents not loaded, "
					+ "not checked)%n", samples, maxDepth);
			return;
		}

		List<OrderHistoryStore> histories = List.of(OrderHistoryStore.of(Sides.POLYGLOT, connections),
				OrderHistoryStore.of(Sides.PG_ONLY, connections), OrderHistoryStore.of(Sides.PG_JSONB, connections));
		for (int i = 0; i < samples; i++) {
			String customer = Dataset.customer(data.activeCustomer(random));
			List<Object> answers = new ArrayList<>();
			for (OrderHistoryStore store : histories) {
				OrderHistoryStore.Page page = store.history(customer);
				answers.add(page.total() + " " + page.orders().stream().map(Equivalence::orderId).toList());
			}
			require(answers.stream().distinct().count() == 1 && !answers.get(0).toString().startsWith("0 "), "order history",
					customer, answers, "");
			String id = data.orders(Integer.parseInt(customer.substring(2))).get(0).id().toString();
			for (OrderHistoryStore store : histories) {
				require(id.equals(orderId(store.byId(id))), "order by id", id, store.byId(id), "");
			}
		}

		ProductPageStore composed = ProductPageStore.of(Sides.POLYGLOT, connections);
		ProductPageStore single = ProductPageStore.of(Sides.PG_ONLY, connections);
		for (int i = 0; i < samples; i++) {
			String sku = Dataset.sku(random.nextInt(data.scale().products()));
			ProductPageStore.Page a = composed.page(sku);
			ProductPageStore.Page b = single.page(sku);
			require(a != null && b != null && a.price().compareTo(b.price()) == 0 && a.onHand() == b.onHand()
					&& ((Document) a.document()).getString("title").equals(((JsonNode) b.document()).get("title").asText()),
					"product page", sku, a, b);
		}
		System.out.printf("equivalence: both sides answer alike (%d samples, recommendations to depth %d)%n", samples, maxDepth);
	}

	private static List<String> skus(List<RecommendationStore.Recommended> list) {
		return list.stream().map(RecommendationStore.Recommended::sku).sorted().toList();
	}

	private static String orderId(Object order) {
		if (order instanceof Document d) {
			return d.getString("_id");
		}
		if (order instanceof JsonNode j) {
			return j.get("_id").asText();
		}
		if (order instanceof Map<?, ?> m) {
			return m.get("id").toString();
		}
		return String.valueOf(order);
	}

	private static void require(boolean same, String what, String input, Object a, Object b) {
		if (!same) {
			throw new IllegalStateException("the sides disagree on " + what + " for " + input + ":\n  " + a + "\n  " + b);
		}
	}

}
