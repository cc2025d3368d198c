package io.polyshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.SharedShopScenario;

/**
 * Several instances, one shop: a second instance pointed by URL at the engines of the first (the shared test
 * application) serves the same shop. A browser session started on one continues on the other, a cart filled on
 * one is checked out on the other, and the order is seen on both. The second instance's start and stop log no
 * error, no warning and no stack trace.
 */
@PolyshopIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SeveralInstancesTests {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@TempDir
	Path secondDataDirectory;

	@Test
	void twoInstancesOnTheSameStoresAreOneShop(CapturedOutput output) {
		try (ConfigurableApplicationContext second = PolyshopInstance.startOnStoresOf(environment, secondDataDirectory,
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD)) {

			StoreLocations stores = second.getBean(StoreLocations.class);
			for (Store store : Store.values()) {
				assertThat(stores.of(store).mode()).as(store.id()).isEqualTo(StoreMode.EXTERNAL);
			}
			int secondPort = PolyshopInstance.port(second);
			assertThat(secondPort).isNotEqualTo(port);

			SharedShopScenario.run(port, secondPort);
			SharedShopScenario.run(secondPort, port); // and the other way round
		}
		assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")
				|| line.startsWith("\tat ") || line.startsWith("Caused by:")))
				.as("a clean start, visit and stop log no error, warning or stack trace").isEmpty();
	}
}
