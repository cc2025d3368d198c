package io.polyshop.cart;

/**
 * Whose cart: a signed-in customer's (kept for 30 days, reachable from any device) or an anonymous visitor's
 * session (kept for 2 days, merged into the customer's cart at sign-in).
 */
public record CartOwner(Kind kind, String id) {

	public enum Kind {
		CUSTOMER, SESSION
	}

	public CartOwner {
		if (kind == null || id == null || id.isBlank()) {
			throw new IllegalArgumentException("A cart owner needs a kind and an id");
		}
	}

	public static CartOwner customer(String customerId) {
		return new CartOwner(Kind.CUSTOMER, customerId);
	}

	public static CartOwner session(String sessionId) {
		return new CartOwner(Kind.SESSION, sessionId);
	}
}
