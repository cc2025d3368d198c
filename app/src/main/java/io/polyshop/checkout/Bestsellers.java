package io.polyshop.checkout;

import java.util.List;

/** The products sold most in completed orders, straight from the order transaction's tables in PostgreSQL. */
public interface Bestsellers {

	List<Bestseller> top(int limit);

	record Bestseller(String sku, String title, long unitsSold) {
	}
}
