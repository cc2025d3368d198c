package io.polyshop.cart.internal;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * Every change to a cart is one Lua script, run atomically by Redis: the check (limits) and the write happen
 * together, so concurrent requests can neither exceed a limit nor lose an update. Each script also renews the
 * cart's expiry. Negative answers are refusals: -1 line over its limit, -2 too many lines, -3 more than available.
 */
final class CartScripts {

	private CartScripts() {
	}

	/** KEYS[1] cart; ARGV: sku, quantity to set (0 removes), max per line, max lines, ttl seconds. */
	static final RedisScript<Long> SET = RedisScript.of("""
			local qty = tonumber(ARGV[2])
			if qty > tonumber(ARGV[3]) then return -1 end
			if qty == 0 then
			  redis.call('HDEL', KEYS[1], ARGV[1])
			else
			  if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return -2 end
			  redis.call('HSET', KEYS[1], ARGV[1], qty)
			end
			if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
			return qty
			""", Long.class);

	/**
	 * KEYS[1] cart; ARGV: sku, quantity to add, max per line, max lines, ttl seconds, units available.
	 * Answers the new quantity, or -3 when it would exceed what is available.
	 */
	static final RedisScript<Long> ADD = RedisScript.of("""
			local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
			local qty = current + tonumber(ARGV[2])
			if qty > tonumber(ARGV[3]) then return -1 end
			if qty > tonumber(ARGV[6]) then return -3 end
			if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return -2 end
			redis.call('HSET', KEYS[1], ARGV[1], qty)
			redis.call('EXPIRE', KEYS[1], ARGV[5])
			return qty
			""", Long.class);

	/*
	 * Merging an anonymous cart into a customer's touches two carts in two hash slots (Redis Cluster refuses one
	 * script over both), so it runs as three single-slot steps, each safe to repeat: the merge is a redelivered
	 * event, and an instance may die between steps.
	 */

	/**
	 * Step 1, KEYS[1] anonymous cart, KEYS[2] its lines being merged (same slot). Moves the cart's lines aside
	 * (adding to any left by an interrupted merge) and answers them as sku, quantity pairs.
	 */
	static final RedisScript<List> TAKE_FOR_MERGE = RedisScript.of("""
			local from = redis.call('HGETALL', KEYS[1])
			for i = 1, #from, 2 do
			  redis.call('HINCRBY', KEYS[2], from[i], tonumber(from[i + 1]))
			end
			redis.call('DEL', KEYS[1])
			return redis.call('HGETALL', KEYS[2])
			""", List.class);

	/**
	 * Step 2, KEYS[1] customer's cart, KEYS[2] set of anonymous carts already merged into it (same slot); ARGV:
	 * anonymous cart id, max per line, max lines, ttl seconds, then sku, quantity pairs. Quantities add up (capped per
	 * line); lines beyond the line limit stay behind. Answers -1 when this anonymous cart was merged before.
	 */
	static final RedisScript<Long> MERGE_INTO = RedisScript.of("""
			if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return -1 end
			redis.call('EXPIRE', KEYS[2], ARGV[4])
			local moved = 0
			for i = 5, #ARGV, 2 do
			  local sku, qty = ARGV[i], tonumber(ARGV[i + 1])
			  local current = tonumber(redis.call('HGET', KEYS[1], sku) or '0')
			  if current > 0 or redis.call('HLEN', KEYS[1]) < tonumber(ARGV[3]) then
			    redis.call('HSET', KEYS[1], sku, math.min(current + qty, tonumber(ARGV[2])))
			    moved = moved + 1
			  end
			end
			if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
			return moved
			""", Long.class);

	// Step 3 deletes the lines set aside in step 1 (one key).

	/**
	 * KEYS[1] cart, KEYS[2] set of order ids already removed; ARGV: order id, ttl seconds, then sku, quantity pairs.
	 * Answers 0 when this order's lines had already been removed.
	 */
	static final RedisScript<Long> REMOVE_CHECKED_OUT = RedisScript.of("""
			if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
			redis.call('EXPIRE', KEYS[2], ARGV[2])
			for i = 3, #ARGV, 2 do
			  local left = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0') - tonumber(ARGV[i + 1])
			  if left > 0 then redis.call('HSET', KEYS[1], ARGV[i], left) else redis.call('HDEL', KEYS[1], ARGV[i]) end
			end
			return 1
			""", Long.class);
}
