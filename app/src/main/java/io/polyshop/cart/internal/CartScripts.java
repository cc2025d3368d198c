package io.polyshop.cart.internal;

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

	/**
	 * KEYS[1] anonymous cart, KEYS[2] customer's cart; ARGV: max per line, max lines, ttl seconds.
	 * Quantities add up (capped per line); lines beyond the line limit stay behind; the anonymous cart is removed.
	 */
	static final RedisScript<Long> MERGE = RedisScript.of("""
			local from = redis.call('HGETALL', KEYS[1])
			local moved = 0
			for i = 1, #from, 2 do
			  local sku, qty = from[i], tonumber(from[i + 1])
			  local current = tonumber(redis.call('HGET', KEYS[2], sku) or '0')
			  if current > 0 or redis.call('HLEN', KEYS[2]) < tonumber(ARGV[2]) then
			    redis.call('HSET', KEYS[2], sku, math.min(current + qty, tonumber(ARGV[1])))
			    moved = moved + 1
			  end
			end
			redis.call('DEL', KEYS[1])
			if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
			return moved
			""", Long.class);

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
