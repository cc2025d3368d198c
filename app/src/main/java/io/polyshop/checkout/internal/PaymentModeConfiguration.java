package io.polyshop.checkout.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.checkout.PaymentMode;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;

/**
 * No free goods by accident. The payment simulator approves any valid card, so it is the default only for a
 * development shop, where every store is embedded. As soon as one store is external (a shop someone runs for
 * real), the application refuses to start until a gateway is chosen explicitly ({@code POLYSHOP_PAYMENT_GATEWAY},
 * {@code simulator} included, for a staging shop that wants it).
 */
@Configuration(proxyBeanMethods = false)
class PaymentModeConfiguration {

	static final String SIMULATOR = "simulator";

	@Bean
	PaymentMode paymentMode(StoreLocations stores, @Value("${polyshop.payment.gateway:}") String configured) {
		boolean anyExternal = stores.all().stream().anyMatch(store -> store.mode() == StoreMode.EXTERNAL);
		if (configured.isBlank() && anyExternal) {
			throw new IllegalStateException("""
					No payment gateway is configured, and with an external store this is not a development shop: \
					the simulator would approve any card. Set POLYSHOP_PAYMENT_GATEWAY (or polyshop.payment.gateway); \
					POLYSHOP_PAYMENT_GATEWAY=simulator keeps the simulator on purpose.""");
		}
		String gateway = configured.isBlank() ? SIMULATOR : configured.strip();
		return new PaymentMode(gateway, gateway.equals(SIMULATOR));
	}

	/** {@code GET /api/payment-mode}: anyone may ask, so the storefront can say "payments are simulated". */
	@RestController
	static class PaymentModeController {

		private final PaymentMode mode;

		PaymentModeController(PaymentMode mode) {
			this.mode = mode;
		}

		@GetMapping("/api/payment-mode")
		PaymentMode paymentMode() {
			return mode;
		}
	}
}
