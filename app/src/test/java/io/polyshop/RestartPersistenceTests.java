package io.polyshop;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.StoreSamples;

import static org.assertj.core.api.Assertions.assertThat;

/** Data written to each embedded store is on disk: it is there after the application and its engines restart. */
@Tag("integration")
class RestartPersistenceTests {

	@TempDir
	Path dataDirectory;

	@Test
	void valuesInEveryStoreSurviveARestart() throws Exception {
		String marker = UUID.randomUUID().toString();

		try (ConfigurableApplicationContext first = PolyshopInstance.start(dataDirectory)) {
			new StoreSamples(first).write(marker);
		}
		// the engines are stopped with the application: no server process is left behind
		assertThat(dataDirectory.resolve("postgres/postmaster.pid")).as("postgres stopped cleanly").doesNotExist();
		assertThat(dataDirectory.resolve("redis/redis.pid")).as("redis stopped cleanly").doesNotExist();
		assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dataDirectory.toString())))
				.as("no engine process of this data directory is left").isEmpty();

		try (ConfigurableApplicationContext second = PolyshopInstance.start(dataDirectory)) {
			StoreSamples samples = new StoreSamples(second);
			assertThat(samples.readPostgres(marker)).contains(marker);
			assertThat(samples.readRedis(marker)).contains(marker);
			assertThat(samples.readMongo(marker)).contains(marker);
			assertThat(samples.readNeo4j(marker)).contains(marker);
		}
	}
}
