package io.polyshop;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.StoreSamples;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * External mode against real servers: PostgreSQL and Redis on their usual ports (as on the CI machine), the
 * other two embedded, which also proves that any mix works. Runs when POLYSHOP_IT_EXTERNAL=true ({@code .ci/run}
 * sets it when both servers answer); elsewhere it is skipped and says why.
 */
@Tag("integration")
class ExternalStoresTests {

	static final String POSTGRES_URL = System.getenv().getOrDefault("POLYSHOP_IT_POSTGRES_URL",
			"jdbc:postgresql://127.0.0.1:5432/test");
	static final String POSTGRES_USER = System.getenv().getOrDefault("POLYSHOP_IT_POSTGRES_USER", "postgres");
	static final String REDIS_URL = System.getenv().getOrDefault("POLYSHOP_IT_REDIS_URL", "redis://127.0.0.1:6379/11");
	static final String SCHEMA = "polyshop_it";

	@TempDir
	Path dataDirectory;

	@BeforeAll
	static void onlyWhenExternalServersAreThere() throws Exception {
		boolean enabled = "true".equals(System.getenv("POLYSHOP_IT_EXTERNAL"));
		if (!enabled) {
			System.out.println("ExternalStoresTests skipped: set POLYSHOP_IT_EXTERNAL=true with PostgreSQL on "
					+ POSTGRES_URL + " and Redis on " + REDIS_URL + " (.ci/run does when they answer)");
		}
		assumeTrue(enabled, "POLYSHOP_IT_EXTERNAL is not true");
		// a schema of its own, fresh each run, so the shared server's other data is never touched
		try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void postgresAndRedisExternalMongoAndNeo4jEmbedded() {
		String marker = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext app = PolyshopInstance.start(dataDirectory,
				"--polyshop.postgres.url=" + POSTGRES_URL + "?currentSchema=" + SCHEMA,
				"--polyshop.postgres.user=" + POSTGRES_USER,
				"--spring.flyway.schemas=" + SCHEMA,
				"--polyshop.redis.url=" + REDIS_URL,
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD)) {

			StoreLocations locations = app.getBean(StoreLocations.class);
			assertThat(locations.of(Store.POSTGRES).mode()).isEqualTo(StoreMode.EXTERNAL);
			assertThat(locations.of(Store.REDIS).mode()).isEqualTo(StoreMode.EXTERNAL);
			assertThat(locations.of(Store.MONGODB).mode()).isEqualTo(StoreMode.EMBEDDED);
			assertThat(locations.of(Store.NEO4J).mode()).isEqualTo(StoreMode.EMBEDDED);
			// nothing embedded was started for the external stores
			assertThat(dataDirectory.resolve("postgres")).doesNotExist();
			assertThat(dataDirectory.resolve("redis")).doesNotExist();

			// the stores' details are for admins
			// a store probe gets 800 ms: a cold instance's first ones on a loaded machine may miss it (DOWN, 503)
			int port = PolyshopInstance.port(app);
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> PolyshopHttp.admin(port).get()
					.uri("/actuator/health").exchange((request, response) -> response.getStatusCode().value()) == 200);
			JsonNode health = PolyshopHttp.admin(port).get().uri("/actuator/health").retrieve().body(JsonNode.class);
			assertThat(health.path("components").path("postgres").path("details").path("mode").asString()).isEqualTo("external");
			assertThat(health.path("components").path("redis").path("details").path("mode").asString()).isEqualTo("external");
			assertThat(health.path("status").asString()).isEqualTo("UP");

			StoreSamples samples = new StoreSamples(app);
			samples.write(marker);
			assertThat(samples.readPostgres(marker)).contains(marker);
			assertThat(samples.readRedis(marker)).contains(marker);
		}

		// it really went to the external servers: read back with plain clients, outside Polyshop
		try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
				var statement = connection.prepareStatement("SELECT count(*) FROM " + SCHEMA + ".test_sample WHERE marker = ?")) {
			statement.setString(1, marker);
			var result = statement.executeQuery();
			result.next();
			assertThat(result.getInt(1)).isEqualTo(1);
		}
		catch (java.sql.SQLException e) {
			throw new AssertionError(e);
		}
		var redis = io.lettuce.core.RedisClient.create(REDIS_URL);
		try (var connection = redis.connect()) {
			assertThat(connection.sync().get("test-sample:" + marker)).isEqualTo(marker);
			connection.sync().del("test-sample:" + marker);
		}
		finally {
			redis.shutdown();
		}
	}
}
