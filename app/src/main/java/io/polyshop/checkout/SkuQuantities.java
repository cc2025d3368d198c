package io.polyshop.checkout;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Units per SKU of some order lines, a SKU on several lines counted once: what a cart clean-up or a reservation takes. */
public final class SkuQuantities {

	private SkuQuantities() {
	}

	/** In SKU order, so that whoever locks rows by it always locks them in the same order. */
	public static <T> SortedMap<String, Integer> of(Collection<T> lines, Function<T, String> sku, ToIntFunction<T> quantity) {
		SortedMap<String, Integer> quantities = new TreeMap<>();
		lines.forEach(line -> quantities.merge(sku.apply(line), quantity.applyAsInt(line), Integer::sum));
		return quantities;
	}

	public static Map<String, Integer> ofCompleted(OrderCompleted order) {
		return of(order.lines(), OrderCompleted.Line::sku, OrderCompleted.Line::quantity);
	}

	public static Map<String, Integer> ofFacts(OrderFacts order) {
		return of(order.lines(), OrderFacts.Line::sku, OrderFacts.Line::quantity);
	}
}
