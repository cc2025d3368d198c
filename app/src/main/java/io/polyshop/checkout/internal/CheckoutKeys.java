package io.polyshop.checkout.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys ({@code checkout_keys}): per customer, with the hash of the request they came with, valid for
 * a configurable time. Taking a key happens in the order transaction, so a key exists exactly when its order does.
 */
@Repository
class CheckoutKeys {

	private final JdbcClient jdbc;

	CheckoutKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param requestHash null for keys recorded before request hashes were kept */
	record CheckoutKey(UUID orderId, String requestHash) {
	}

	/** The key, unless it has expired. */
	Optional<CheckoutKey> find(String customerId, String key) {
		return jdbc.sql("""
				SELECT order_id, request_hash FROM checkout_keys
				WHERE customer_id = ? AND idempotency_key = ? AND expires_at > now()""")
				.params(customerId, key).query((rs, n) -> new CheckoutKey(rs.getObject("order_id", UUID.class), rs.getString("request_hash")))
				.optional();
	}

	/**
	 * Takes the key for the order, or takes over an expired one; false when another live order holds it (a
	 * concurrent request with the same key: the caller rolls back and answers with that order). A concurrent
	 * uncommitted claim makes this wait for its outcome, so two requests never both get true.
	 */
	boolean claim(String customerId, String key, String requestHash, UUID orderId, Duration ttl) {
		return jdbc.sql("""
				INSERT INTO checkout_keys (customer_id, idempotency_key, request_hash, order_id, created_at, expires_at)
				VALUES (?, ?, ?, ?, now(), now() + ? * INTERVAL '1 second')
				ON CONFLICT (customer_id, idempotency_key) DO UPDATE
				SET request_hash = excluded.request_hash, order_id = excluded.order_id, created_at = excluded.created_at,
				    expires_at = excluded.expires_at
				WHERE checkout_keys.expires_at <= now()""")
				.params(customerId, key, requestHash, orderId, ttl.toSeconds()).update() == 1;
	}

	/** Deletes up to {@code batch} expired keys; answers how many. */
	int purgeExpired(int batch) {
		return jdbc.sql("""
				DELETE FROM checkout_keys WHERE (customer_id, idempotency_key) IN
				  (SELECT customer_id, idempotency_key FROM checkout_keys WHERE expires_at <= now() ORDER BY expires_at LIMIT ?)""")
				.param(batch).update();
	}
}
