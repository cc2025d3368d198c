package io.polyshop.operations.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import io.polyshop.stores.Store;

@Component
class RedisProbe implements StoreProbe {

	private final RedisConnectionFactory connections;

	RedisProbe(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	@Override
	public Store store() {
		return Store.REDIS;
	}

	@Override
	public void ping() {
		try (RedisConnection connection = connections.getConnection()) {
			connection.ping();
		}
	}

	@Override
	public String version() {
		try (RedisConnection connection = connections.getConnection()) {
			Properties info = connection.serverCommands().info("server");
			return info == null ? "unknown" : info.getProperty("redis_version", "unknown");
		}
	}

	/** Keys counted by their prefix (the part before the first ':'), with SCAN so a large keyspace is never blocked. */
	@Override
	public Map<String, Long> recordCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (RedisConnection connection = connections.getConnection();
				Cursor<byte[]> keys = connection.keyCommands().scan(ScanOptions.scanOptions().count(1000).build())) {
			keys.forEachRemaining(key -> {
				String name = new String(key, java.nio.charset.StandardCharsets.UTF_8);
				int colon = name.indexOf(':');
				counts.merge(colon > 0 ? name.substring(0, colon) : name, 1L, Long::sum);
			});
		}
		return counts;
	}
}
