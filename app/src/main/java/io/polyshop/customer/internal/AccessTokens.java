package io.polyshop.customer.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens for API clients: opaque random strings, kept in Redis so that any instance accepts any token and
 * a revocation takes effect everywhere at once. Redis holds only the SHA-256 of a token (a copy of the store
 * hands out nothing usable), mapped to the customer it stands for and set to expire with the token. Checking a
 * token is one Redis GET and no bcrypt: the password was checked when the token was issued. A per-customer set of
 * token hashes lets a password change revoke them all.
 */
@Component
class AccessTokens implements OpaqueTokenIntrospector {

	private static final String TOKEN_KEY = "polyshop:auth:token:";
	private static final String CUSTOMER_TOKENS_KEY = "polyshop:auth:customer-tokens:";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;
	private final JsonMapper json;
	private final Duration lifetime;
	private final Clock clock;

	AccessTokens(StringRedisTemplate redis, JsonMapper json, @Value("${polyshop.auth.token-lifetime:1h}") Duration lifetime,
			Clock clock) {
		this.redis = redis;
		this.clock = clock;
		this.json = json;
		this.lifetime = lifetime;
	}

	/** What Redis keeps per token: who it is for and when it expires (the key's TTL enforces it, this reports it). */
	record Grant(String id, String email, String name, List<Role> roles, long expiresAt) {
	}

	record Issued(String value, Duration lifetime) {
	}

	Issued issue(CustomerPrincipal principal) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String hash = hash(token);
		var customer = principal.customer();
		Grant grant = new Grant(customer.id(), customer.email(), customer.name(), List.copyOf(principal.roles()),
				clock.instant().plus(lifetime).getEpochSecond());
		redis.opsForValue().set(TOKEN_KEY + hash, json.writeValueAsString(grant), lifetime);
		String customerTokens = CUSTOMER_TOKENS_KEY + grant.id();
		redis.opsForSet().add(customerTokens, hash);
		redis.expire(customerTokens, lifetime);
		return new Issued(token, lifetime);
	}

	void revoke(String token) {
		redis.delete(TOKEN_KEY + hash(token));
	}

	/** After a password change: every token issued to the customer so far stops working. */
	void revokeAll(String customerId) {
		String customerTokens = CUSTOMER_TOKENS_KEY + customerId;
		Set<String> hashes = redis.opsForSet().members(customerTokens);
		List<String> keys = new ArrayList<>();
		keys.add(customerTokens);
		if (hashes != null) {
			hashes.forEach(hash -> keys.add(TOKEN_KEY + hash));
		}
		redis.delete(keys);
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		String stored = redis.opsForValue().get(TOKEN_KEY + hash(token));
		if (stored == null) {
			throw new BadOpaqueTokenException("The access token is invalid, expired or revoked.");
		}
		Grant grant = json.readValue(stored, Grant.class);
		if (Instant.ofEpochSecond(grant.expiresAt()).isBefore(clock.instant())) {
			throw new BadOpaqueTokenException("The access token is invalid, expired or revoked.");
		}
		Set<Role> roles = grant.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(grant.roles());
		return new CustomerPrincipal(grant.id(), grant.email(), grant.name(), roles, null,
				Instant.ofEpochSecond(grant.expiresAt()));
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
