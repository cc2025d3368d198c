package io.polyshop.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A Redis URL naming several nodes means a Redis Cluster; one node means plain Redis. */
class RedisClusterNodesTest {

	@Test
	void severalNodesAreACluster() {
		var cluster = RedisClusterNodes.Cluster.parse("redis://:s3cret@10.0.0.1:7001,10.0.0.2:7002, 10.0.0.3:7003");

		assertThat(cluster.nodes()).isEqualTo(List.of("10.0.0.1:7001", "10.0.0.2:7002", "10.0.0.3:7003"));
		assertThat(cluster.firstNodeUrl()).isEqualTo("redis://:s3cret@10.0.0.1:7001");
	}

	@Test
	void eachNodeMayBeAUrlAndTlsCarriesOver() {
		var cluster = RedisClusterNodes.Cluster.parse("rediss://a:7001,rediss://user:pw@b:7002/0");

		assertThat(cluster.nodes()).isEqualTo(List.of("a:7001", "b:7002"));
		assertThat(cluster.firstNodeUrl()).isEqualTo("rediss://user:pw@a:7001");
	}

	@Test
	void bareHostPortListsWork() {
		assertThat(RedisClusterNodes.Cluster.parse("h1:7001,h2:7002").firstNodeUrl()).isEqualTo("redis://h1:7001");
	}

	@Test
	void oneNodeIsPlainRedis() {
		assertThat(RedisClusterNodes.Cluster.parse("redis://cache:6379/0")).isNull();
		assertThat(RedisClusterNodes.Cluster.parse("")).isNull();
		assertThat(RedisClusterNodes.Cluster.parse("redis://cache:6379,")).isNull();
	}
}
