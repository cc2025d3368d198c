package io.polyshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.SharedShopScenario;
import io.polyshop.support.SharedShopScenario.Visit;

/**
 * Carts and sessions on a Redis Cluster, by configuration only. {@code .ci/run} starts a 3-master cluster on
 * loopback ports and runs the cart, checkout, session tests and this one with {@code POLYSHOP_REDIS_URL} naming its
 * nodes; elsewhere this test is skipped and says why.
 */
@PolyshopIntegrationTest
class RedisClusterTests {

	static final String NODES = System.getenv().getOrDefault("POLYSHOP_REDIS_URL", "");

	@LocalServerPort
	int port;

	@Autowired
	RedisConnectionFactory connections;

	@BeforeAll
	static void onlyOnACluster() {
		boolean cluster = NODES.contains(",");
		if (!cluster) {
			System.out.println("RedisClusterTests skipped: POLYSHOP_REDIS_URL names no Redis Cluster (.ci/run starts one)");
		}
		assumeTrue(cluster, "POLYSHOP_REDIS_URL names no Redis Cluster");
	}

	@Test
	void aShopperVisitWorksOnTheCluster() {
		assertThat(connections.getClusterConnection()).isNotNull();

		Visit visit = SharedShopScenario.run(port, port);

		// it really went to the cluster: the merge's bookkeeping sits in the customer cart's slot, the sessions spread
		List<RedisURI> seeds = Arrays.stream(NODES.split(",")).map(String::trim)
				.map(node -> RedisURI.create(node.contains("://") ? node : "redis://" + node)).toList();
		RedisClusterClient client = RedisClusterClient.create(seeds);
		try (var connection = client.connect()) {
			var commands = connection.sync();
			assertThat(commands.exists("cart:{customer:" + visit.customerId() + "}:merged")).isEqualTo(1L);
			assertThat(commands.keys("spring:session:sessions:*")).isNotEmpty();
			assertThat(commands.clusterInfo()).contains("cluster_state:ok");
		}
		finally {
			client.shutdown();
		}
	}
}
