package io.polyshop.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;

import java.net.URI;

/**
 * The clients, configured as the app configures them: HikariCP with 20 connections per database (the app's
 * maximum-pool-size, on both sides), Spring Data Redis on Lettuce (one shared connection, as Boot's default), the
 * MongoDB sync driver and the Neo4j Bolt driver with their default pools.
 */
final class Connections implements AutoCloseable {

	static final int POOL_SIZE = 20;

	final HikariDataSource polyglotPostgres;
	final HikariDataSource pgOnly;
	final LettuceConnectionFactory redisConnections;
	final StringRedisTemplate redis;
	final RedisTemplate<String, Object> sessionRedis;
	final MongoClient mongoClient;
	final MongoDatabase mongo;
	final Driver neo4j;

	Connections(Endpoints endpoints) {
		polyglotPostgres = pool(endpoints.postgres() + "polyglot");
		pgOnly = pool(endpoints.postgres() + "pgonly");
		URI redisUri = URI.create(endpoints.redis());
		redisConnections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redisUri.getHost(), redisUri.getPort()));
		redisConnections.afterPropertiesSet();
		redisConnections.start();
		redis = new StringRedisTemplate(redisConnections);
		// what Spring Session's RedisHttpSessionConfiguration builds: string keys, JDK-serialized values
		sessionRedis = new RedisTemplate<>();
		sessionRedis.setConnectionFactory(redisConnections);
		sessionRedis.setKeySerializer(new StringRedisSerializer());
		sessionRedis.setHashKeySerializer(new StringRedisSerializer());
		sessionRedis.setDefaultSerializer(new JdkSerializationRedisSerializer(Connections.class.getClassLoader()));
		sessionRedis.afterPropertiesSet();
		mongoClient = MongoClients.create(endpoints.mongodb());
		mongo = mongoClient.getDatabase("polyshop");
		neo4j = GraphDatabase.driver(endpoints.neo4j(), AuthTokens.none());
	}

	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername("postgres");
		config.setMaximumPoolSize(POOL_SIZE);
		config.setConnectionTimeout(30_000);
		return new HikariDataSource(config);
	}

	@Override
	public void close() {
		neo4j.close();
		mongoClient.close();
		redisConnections.destroy();
		pgOnly.close();
		polyglotPostgres.close();
	}
}
