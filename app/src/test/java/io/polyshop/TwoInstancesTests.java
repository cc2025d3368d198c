package io.polyshop;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocations;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.StoreSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two applications started at once on different data directories get their own engines and ports; and data written
 * to each embedded store is on disk: it is there after the application and its engines restart. One test, because
 * the restart needs an instance that started on an empty data directory, which the first check starts anyway: a
 * start on empty stores is 10 s and more of a 2-core machine.
 */
@Tag("integration")
class TwoInstancesTests {

	@TempDir
	Path first;

	@TempDir
	Path second;

	@Test
	void twoInstancesStartedAtOnceDoNotCollideAndValuesInEveryStoreSurviveARestart() {
		String marker = UUID.randomUUID().toString();
		var a = CompletableFuture.supplyAsync(() -> PolyshopInstance.start(first));
		var b = CompletableFuture.supplyAsync(() -> PolyshopInstance.start(second));
		try (ConfigurableApplicationContext one = a.join(); ConfigurableApplicationContext two = b.join()) {
			assertThat(PolyshopInstance.port(one)).isNotEqualTo(PolyshopInstance.port(two));
			StoreLocations oneStores = one.getBean(StoreLocations.class);
			StoreLocations twoStores = two.getBean(StoreLocations.class);
			for (Store store : Store.values()) {
				assertThat(oneStores.of(store).address()).as(store.id()).isNotEqualTo(twoStores.of(store).address());
				// and none of them took a well-known port of a server that may already run on this machine
				Stream.of(oneStores, twoStores).map(s -> s.of(store).address())
						.forEach(address -> assertThat(address).doesNotContain(":5432/", ":6379", ":27017", ":7687"));
			}

			new StoreSamples(one).write(marker);
			new StoreSamples(two).write("only-in-two");
			StoreSamples inTwo = new StoreSamples(two);
			assertThat(List.of(inTwo.readPostgres(marker), inTwo.readRedis(marker),
					inTwo.readMongo(marker), inTwo.readNeo4j(marker))).allMatch(java.util.Optional::isEmpty);
			assertThat(inTwo.readNeo4j("only-in-two")).contains("only-in-two");
		}

		// the engines are stopped with the application: no server process is left behind
		for (Path dataDirectory : List.of(first, second)) {
			assertThat(dataDirectory.resolve("postgres/postmaster.pid")).as("postgres stopped cleanly").doesNotExist();
			assertThat(dataDirectory.resolve("redis/redis.pid")).as("redis stopped cleanly").doesNotExist();
			assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dataDirectory.toString())))
					.as("no engine process of %s is left", dataDirectory).isEmpty();
		}

		try (ConfigurableApplicationContext restarted = PolyshopInstance.start(first)) {
			StoreSamples samples = new StoreSamples(restarted);
			assertThat(samples.readPostgres(marker)).contains(marker);
			assertThat(samples.readRedis(marker)).contains(marker);
			assertThat(samples.readMongo(marker)).contains(marker);
			assertThat(samples.readNeo4j(marker)).contains(marker);
		}
	}
}
