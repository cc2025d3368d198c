package io.polyshop.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lettuce.core.RedisClient;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded engines keep acknowledged writes through a power loss and let in only clients with the generated password. */
@PolyshopIntegrationTest
class EngineSecurityTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StoreLocations locations;

	@Value("${polyshop.data-dir.resolved}")
	Path dataDirectory;

	@Test
	void postgresIsDurableAndRequiresItsPassword() {
		assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
		assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
		assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'",
				Boolean.class)).isTrue();

		String url = locations.of(Store.POSTGRES).address();
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
				.isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void redisAndNeo4jRequireTheirPasswords() {
		RedisClient redis = RedisClient.create(locations.of(Store.REDIS).address());
		try {
			// Lettuce says HELLO on connecting: without the password the connection itself is refused
			assertThatThrownBy(() -> {
				try (var connection = redis.connect()) {
					connection.sync().get("anything");
				}
			}).hasStackTraceContaining("NOAUTH");
		}
		finally {
			redis.shutdown();
		}
		try (Driver neo4j = GraphDatabase.driver(locations.of(Store.NEO4J).address(), AuthTokens.basic("neo4j", "neo4j"))) {
			assertThatThrownBy(neo4j::verifyConnectivity).isInstanceOf(AuthenticationException.class);
		}
	}

	@Test
	void credentialsAreReadableByTheOwnerOnly() throws Exception {
		Path credentials = dataDirectory.resolve("credentials.properties");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory))).isEqualTo("rwx------");
		assertThat(Files.readString(credentials)).contains("postgres.password=", "redis.password=", "neo4j.password=");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory.resolve("redis/redis.conf"))))
				.isEqualTo("rw-------");
	}
}
