package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A PostgreSQL data directory left by an older Polyshop (trust authentication, no credentials file) still starts. */
@Tag("integration")
class PostgresMigrationTests {

	@TempDir
	Path dataDirectory;

	@Test
	void aTrustModeDataDirectoryKeepsItsDataAndThenRequiresThePassword() throws Exception {
		int port = LoopbackPorts.choose(0);
		// as an older Polyshop left it: zonky's defaults, trust authentication
		try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDirectory.resolve("postgres"))
				.setCleanDataDirectory(false).setRegisterShutdownHook(false).setPort(port).start();
				Connection connection = old.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from the old version')");
		}

		EngineCredentials credentials = EngineCredentials.loadOrCreate(dataDirectory);
		PostgresEngine engine = PostgresEngine.start(dataDirectory, port, credentials);
		try {
			assertThat(valueKept(engine.url(), credentials.postgresPassword())).isEqualTo("from the old version");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
					assertThatThrownBy(() -> DriverManager.getConnection(engine.url(), "postgres", "")).isInstanceOf(SQLException.class));
		}
		finally {
			engine.close();
		}

		PostgresEngine again = PostgresEngine.start(dataDirectory, port, credentials); // password authentication from the start
		try {
			assertThat(valueKept(again.url(), credentials.postgresPassword())).isEqualTo("from the old version");
		}
		finally {
			again.close();
		}
	}

	private static String valueKept(String url, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", password);
				ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM kept")) {
			rows.next();
			return rows.getString(1);
		}
	}
}
