package io.polyshop.checkout.internal;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.polyshop.checkout.PaymentMode;
import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocation;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** No free goods by default: the simulator is implicit only in a shop whose stores are all embedded. */
class PaymentModeTests {

	final PaymentModeConfiguration configuration = new PaymentModeConfiguration();

	@Test
	void allEmbeddedAndNothingConfiguredIsTheSimulator() {
		assertThat(configuration.paymentMode(stores(null), "")).isEqualTo(new PaymentMode("simulator", true));
	}

	@Test
	void anExternalStoreWithoutAnExplicitGatewayRefusesToStart() {
		assertThatIllegalStateException().isThrownBy(() -> configuration.paymentMode(stores(Store.POSTGRES), ""))
			.withMessageContaining("POLYSHOP_PAYMENT_GATEWAY");
		assertThatIllegalStateException().isThrownBy(() -> configuration.paymentMode(stores(Store.REDIS), "  "));
	}

	@Test
	void theSimulatorChosenExplicitlyIsAllowedWithExternalStores() {
		assertThat(configuration.paymentMode(stores(Store.NEO4J), "simulator")).isEqualTo(new PaymentMode("simulator", true));
		assertThat(configuration.paymentMode(stores(Store.NEO4J), "acme-pay").simulated()).isFalse();
	}

	private static StoreLocations stores(Store external) {
		List<StoreLocation> locations = Arrays.stream(Store.values())
			.map(store -> new StoreLocation(store, store == external ? StoreMode.EXTERNAL : StoreMode.EMBEDDED, "localhost"))
			.toList();
		return new StoreLocations(locations);
	}
}
