package io.polyshop.social;

import java.util.List;

/**
 * Product recommendations from the social graph. They degrade rather than fail: when Neo4j does not answer,
 * {@link #forCustomer} answers the bestsellers from the order store, marked {@link RecommendedProducts.Source#FALLBACK}.
 */
public interface Recommendations {

	/**
	 * Products bought by the people I follow (depth 1) and by the people they follow (depth 2), nearer and more
	 * recent purchases weighing more, without the products I bought myself. {@code limit} is 1..100.
	 */
	RecommendedProducts forCustomer(String me, int limit);

	/** Products bought by the customers who bought this one, most shared buyers first. Throws 503 when Neo4j is down. */
	List<AlsoBought> alsoBought(String sku, int limit);
}
