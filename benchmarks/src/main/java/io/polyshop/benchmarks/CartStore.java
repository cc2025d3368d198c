package io.polyshop.benchmarks;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A customer's cart: one line per SKU, limits checked atomically with the write, expiry renewed on every change. */
interface CartStore {

	int MAX_PER_LINE = 99; // the app's defaults (polyshop.cart.*)
	int MAX_LINES = 50;
	int TTL_SECONDS = 30 * 24 * 3600;

	int add(String customer, String sku, int quantity, int available);

	int set(String customer, String sku, int quantity);

	default void remove(String customer, String sku) {
		set(customer, sku, 0);
	}

	Map<String, Integer> read(String customer);

	static CartStore of(String side, Connections connections) {
		return side.equals(Sides.POLYGLOT) ? new Redis(connections.redis) : new Postgres(connections.pgOnly);
	}

	/** The product's: a Redis hash per cart, each change one Lua script (cart.internal.CartScripts, verbatim). */
	final class Redis implements CartStore {

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

		static final RedisScript<Long> REMOVE_CHECKED_OUT = RedisScript.of("""
				if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
				redis.call('EXPIRE', KEYS[2], ARGV[2])
				for i = 3, #ARGV, 2 do
				  local left = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0') - tonumber(ARGV[i + 1])
				  if left > 0 then redis.call('HSET', KEYS[1], ARGV[i], left) else redis.call('HDEL', KEYS[1], ARGV[i]) end
				end
				return 1
				""", Long.class);

		private final StringRedisTemplate redis;

		Redis(StringRedisTemplate redis) {
			this.redis = redis;
		}

		static String key(String customer) {
			return "cart:{customer:" + customer + "}"; // CartKeys.of
		}

		@Override
		public int add(String customer, String sku, int quantity, int available) {
			return redis.execute(ADD, List.of(key(customer)), sku, Integer.toString(quantity), Integer.toString(MAX_PER_LINE),
					Integer.toString(MAX_LINES), Integer.toString(TTL_SECONDS), Integer.toString(available)).intValue();
		}

		@Override
		public int set(String customer, String sku, int quantity) {
			return redis.execute(SET, List.of(key(customer)), sku, Integer.toString(quantity), Integer.toString(MAX_PER_LINE),
					Integer.toString(MAX_LINES), Integer.toString(TTL_SECONDS)).intValue();
		}

		@Override
		public Map<String, Integer> read(String customer) {
			Map<Object, Object> lines = redis.opsForHash().entries(key(customer));
			Map<String, Integer> items = new TreeMap<>(); // RedisCarts.items sorts by SKU
			lines.forEach((sku, qty) -> items.put((String) sku, Integer.parseInt((String) qty)));
			return items;
		}

		void removeCheckedOut(String customer, String orderId, Map<String, Integer> lines) {
			List<String> arguments = new java.util.ArrayList<>(List.of(orderId, Integer.toString(TTL_SECONDS)));
			lines.forEach((sku, qty) -> {
				arguments.add(sku);
				arguments.add(Integer.toString(qty));
			});
			redis.execute(REMOVE_CHECKED_OUT, List.of(key(customer), key(customer) + ":checked-out"), arguments.toArray());
		}
	}

	/** PostgreSQL only: cart and cart_line tables, each change one prepared call of a PL/pgSQL function. */
	final class Postgres implements CartStore {

		private final DataSource pg;

		Postgres(DataSource pg) {
			this.pg = pg;
		}

		@Override
		public int add(String customer, String sku, int quantity, int available) {
			return call("SELECT cart_add(?, ?, ?, ?, ?, ?, ?)", customer, sku, quantity, MAX_PER_LINE, MAX_LINES, TTL_SECONDS, available);
		}

		@Override
		public int set(String customer, String sku, int quantity) {
			return call("SELECT cart_set(?, ?, ?, ?, ?, ?)", customer, sku, quantity, MAX_PER_LINE, MAX_LINES, TTL_SECONDS);
		}

		@Override
		public Map<String, Integer> read(String customer) {
			try (Connection c = pg.getConnection();
					PreparedStatement s = c.prepareStatement("""
							SELECT l.sku, l.quantity FROM cart c JOIN cart_line l ON l.owner = c.owner
							WHERE c.owner = ? AND c.expires_at > now() ORDER BY l.sku""")) {
				s.setString(1, customer);
				Map<String, Integer> items = new LinkedHashMap<>();
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						items.put(rs.getString(1), rs.getInt(2));
					}
				}
				return items;
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		private int call(String sql, Object... arguments) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
				for (int i = 0; i < arguments.length; i++) {
					s.setObject(i + 1, arguments[i]);
				}
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					return rs.getInt(1);
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
