package io.polyshop.stores.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Redis Cluster by configuration only: a Redis URL naming several nodes ({@code POLYSHOP_REDIS_URL=
 * redis://[:password@]host1:7001,host2:7002,host3:7003}, or {@code POLYSHOP_REDIS_CLUSTER_NODES=host1:7001,...})
 * becomes Spring Boot's {@code spring.data.redis.cluster.nodes}, and Lettuce routes each command to the node owning
 * its key's slot. Credentials, if any, are those of the node that carries them; {@code rediss://} turns TLS on.
 * Every multi-key operation of the application keeps its keys in one hash slot (see CartKeys), so nothing else
 * changes between one Redis and a cluster.
 */
public class RedisClusterNodes implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_SOURCE = "polyshopRedisCluster";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = context.getEnvironment().getProperty(EmbeddedSettings.urlProperty(io.polyshop.stores.Store.REDIS), "").trim();
		Cluster cluster = Cluster.parse(url);
		if (cluster == null) {
			return;
		}
		Map<String, Object> properties = new java.util.HashMap<>();
		properties.put("spring.data.redis.cluster.nodes", String.join(",", cluster.nodes()));
		// Boot still reads credentials and TLS from the URL: a single-node URL carrying them
		properties.put("spring.data.redis.url", cluster.firstNodeUrl());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
	}

	/** Several nodes as host:port, and a URL of the first one with the credentials and scheme of the list. */
	record Cluster(List<String> nodes, String firstNodeUrl) {

		/** null for a single node (or none): plain Redis. */
		static Cluster parse(String url) {
			if (url == null || !url.contains(",")) {
				return null;
			}
			String scheme = "redis";
			String userInfo = null;
			List<String> nodes = new ArrayList<>();
			for (String item : url.split(",")) {
				String node = item.trim();
				if (node.isEmpty()) {
					continue;
				}
				int schemeEnd = node.indexOf("://");
				if (schemeEnd >= 0) {
					scheme = node.substring(0, schemeEnd);
					node = node.substring(schemeEnd + 3);
				}
				int at = node.lastIndexOf('@');
				if (at >= 0) {
					userInfo = node.substring(0, at);
					node = node.substring(at + 1);
				}
				int slash = node.indexOf('/');
				nodes.add(slash >= 0 ? node.substring(0, slash) : node);
			}
			if (nodes.size() < 2) {
				return null;
			}
			return new Cluster(List.copyOf(nodes), scheme + "://" + (userInfo == null ? "" : userInfo + "@") + nodes.get(0));
		}
	}
}
