package io.polyshop.social;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/** Recommended products and where they came from: the graph, or the bestsellers when the graph is unavailable. */
public record RecommendedProducts(List<RecommendedProduct> items, Source source) {

	public enum Source {
		GRAPH, FALLBACK;

		@JsonValue
		public String json() {
			return name().toLowerCase();
		}
	}

	/** @param reason why it is recommended, e.g. "bought by 2 people you follow" or "bestseller" */
	public record RecommendedProduct(String sku, String title, double score, String reason) {
	}
}
