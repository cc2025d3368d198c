package io.polyshop.checkout.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.polyshop.cart.CartItem;

/**
 * A cart's contents can be checked out once ({@code cart_claims}). The order transaction claims a fingerprint of
 * the contents; a second checkout of the same contents (another browser tab, another Idempotency-Key) finds the
 * claim and is refused. The claim goes when its order is cancelled, or once the order's lines have left the cart,
 * after which the same contents may be bought again.
 */
@Repository
class CartClaims {

	private final JdbcClient jdbc;

	CartClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** SHA-256 of the sorted SKU:quantity lines: the same contents in any order give the same fingerprint. */
	static String fingerprint(List<CartItem> items) {
		StringBuilder canonical = new StringBuilder();
		items.stream().sorted(java.util.Comparator.comparing(CartItem::sku))
				.forEach(item -> canonical.append(item.sku()).append(':').append(item.quantity()).append('\n'));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every JVM has SHA-256
		}
	}

	/** The database's clock now: taken just before the cart is read, compared with when a claim was released. */
	java.time.Instant now() {
		return jdbc.sql("SELECT clock_timestamp()").query(java.sql.Timestamp.class).single().toInstant();
	}

	/**
	 * Claims the contents for the order; answers the order that holds them already, if any. A claim released
	 * (its order's lines left the cart) after {@code cartReadAt} still holds: the cart this checkout read had those
	 * lines in it, so they were bought already. A concurrent uncommitted claim makes this wait for its outcome.
	 */
	Optional<UUID> claim(String customerId, String fingerprint, UUID orderId, java.time.Instant cartReadAt) {
		int claimed = jdbc.sql("""
				INSERT INTO cart_claims (customer_id, fingerprint, order_id) VALUES (?, ?, ?)
				ON CONFLICT (customer_id, fingerprint) DO UPDATE
				SET order_id = excluded.order_id, claimed_at = now(), released_at = NULL
				WHERE cart_claims.released_at IS NOT NULL AND cart_claims.released_at < ?""")
				.params(customerId, fingerprint, orderId, java.sql.Timestamp.from(cartReadAt)).update();
		if (claimed == 1) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT order_id FROM cart_claims WHERE customer_id = ? AND fingerprint = ?").params(customerId, fingerprint)
				.query(UUID.class).optional()
				.or(() -> claim(customerId, fingerprint, orderId, cartReadAt)); // deleted between the two statements: try again
	}

	/** The order's lines have left the cart: the same contents, put in again later, may be bought again. */
	void released(UUID orderId) {
		jdbc.sql("UPDATE cart_claims SET released_at = clock_timestamp() WHERE order_id = ? AND released_at IS NULL").param(orderId).update();
	}

	/** The order was cancelled: its contents are free at once (they are still in the cart). */
	void release(UUID orderId) {
		jdbc.sql("DELETE FROM cart_claims WHERE order_id = ?").param(orderId).update();
	}
}
