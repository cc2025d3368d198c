package io.polyshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two instances started at the same moment on the same empty stores (one data directory: the second instance uses
 * the engines the first one starts, as two instances behind a load balancer share servers). Both race through the
 * schema migrations, the demo catalog and the scheduled jobs' locks; both must start and serve the one catalog,
 * loaded once.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class SimultaneousStartTests {

	@TempDir
	Path sharedStores;

	@Test
	void twoInstancesStartingAtOnceOnEmptyStoresBothStartAndTheDemoCatalogIsLoadedOnce(CapturedOutput output) {
		CountDownLatch ready = new CountDownLatch(2);
		CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(() -> startTogether(ready, "one"));
		CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> startTogether(ready, "two"));
		CompletableFuture.allOf(first, second).exceptionally(failure -> null).join();
		if (first.isCompletedExceptionally() || second.isCompletedExceptionally()) { // stop the one that started, then say why
			java.util.stream.Stream.of(first, second).filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.join().close());
		}
		try (ConfigurableApplicationContext one = first.join(); ConfigurableApplicationContext two = second.join()) {
			assertThat(output.getOut().lines().filter(line -> line.contains("Loaded the demo catalog")).distinct()) // each context's logging
					.as("loaded once").hasSize(1); // prints every line: the same line twice is one load
			assertThat(one.getBean(JdbcClient.class).sql("SELECT count(*) FROM stock_item").query(Long.class).single())
					.isEqualTo(one.getEnvironment().getProperty("polyshop.catalog.demo.size", Long.class));
			for (ConfigurableApplicationContext instance : java.util.List.of(one, two)) {
				int port = PolyshopInstance.port(instance);
				// a store probe gets 800 ms: the first ones of two cold instances on a loaded machine may miss it (DOWN, 503)
				org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> PolyshopHttp.client(port).get()
						.uri("/actuator/health").exchange((request, response) -> response.getStatusCode().value()) == 200);
				JsonNode page = PolyshopHttp.client(port).get().uri("/api/products").retrieve().body(JsonNode.class);
				assertThat(page.toString()).as("the demo catalog, seen from port %d", port).contains("BOOK-0");
			}
		}
	}

	private ConfigurableApplicationContext startTogether(CountDownLatch ready, String instance) {
		ready.countDown();
		try {
			ready.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		// the search index is each instance's own (a local Lucene directory, rebuilt from the catalog)
		return PolyshopInstance.start(sharedStores, "--polyshop.search.directory=" + sharedStores.resolve("search-" + instance),
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL,
				"--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD);
	}
}
