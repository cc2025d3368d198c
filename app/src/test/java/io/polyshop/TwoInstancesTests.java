package io.polyshop;

import java.nio.file.Path;
import java.util.List;
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

/** Two applications started at once on different data directories get their own engines and ports. */
@Tag("integration")
class TwoInstancesTests {

	@TempDir
	Path first;

	@TempDir
	Path second;

	@Test
	void twoInstancesStartedAtOnceDoNotCollide() {
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

			new StoreSamples(one).write("only-in-one");
			new StoreSamples(two).write("only-in-two");
			StoreSamples inTwo = new StoreSamples(two);
			assertThat(List.of(inTwo.readPostgres("only-in-one"), inTwo.readRedis("only-in-one"),
					inTwo.readMongo("only-in-one"), inTwo.readNeo4j("only-in-one"))).allMatch(java.util.Optional::isEmpty);
			assertThat(inTwo.readNeo4j("only-in-two")).contains("only-in-two");
		}
	}
}
