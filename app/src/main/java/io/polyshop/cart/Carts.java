package io.polyshop.cart;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What other modules (checkout) may do with carts. */
public interface Carts {

	/** The lines of the owner's cart, in the order they were added; empty when there is no cart. */
	List<CartItem> items(CartOwner owner);

	/**
	 * Takes the quantities of a placed order out of the owner's cart, once per order: a redelivered call for the same
	 * {@code orderId} changes nothing, even if the customer has put the same SKU in the cart again since.
	 */
	void removeCheckedOut(CartOwner owner, String orderId, Map<String, Integer> quantitiesBySku);

	/**
	 * Of these orders (order id → whose cart), those whose clean-up has not happened: the cart exists and has not
	 * recorded the order as checked out. (No cart: nothing is left to clean up.) For the audit.
	 */
	Set<String> notCheckedOut(Map<String, CartOwner> cartsByOrder);
}
