package io.polyshop.operations.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.polyshop.stores.StoreLocation;
import io.polyshop.checkout.PaymentMode;
import io.polyshop.stores.StoreLocations;

/** Tells whoever started Polyshop where each store lives and where to point a browser. */
@Component
class StoresBanner {

	private static final Logger log = LoggerFactory.getLogger("polyshop");

	private final StoreLocations locations;
	private final Environment environment;
	private final PaymentMode payments;

	StoresBanner(StoreLocations locations, Environment environment, PaymentMode payments) {
		this.locations = locations;
		this.environment = environment;
		this.payments = payments;
	}

	@EventListener(ApplicationReadyEvent.class)
	void printBanner() {
		StringBuilder banner = new StringBuilder("\n\nPolyshop is ready: http://localhost:")
				.append(environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")))
				.append("  (API docs: /swagger-ui.html, health: /actuator/health)\n")
				.append("Data directory for embedded stores: ").append(environment.getProperty("polyshop.data-dir.resolved")).append('\n');
		String credentials = environment.getProperty("polyshop.embedded.credentials-file");
		if (credentials != null) {
			banner.append("Passwords of the embedded engines (users postgres, default, neo4j): ").append(credentials)
					.append(" (readable by this user only)\n");
		}
		for (StoreLocation location : locations.all()) {
			banner.append(String.format("  %-9s %-9s %-40s %s%n", location.store().id(), location.mode().id(),
					location.address(), location.store().holds()));
		}
		banner.append(payments.simulated()
				? "Payments are simulated: no money moves and test cards decide the outcome (POLYSHOP_PAYMENT_GATEWAY).\n"
				: "Payments go through the gateway: " + payments.gateway() + "\n");
		log.info(banner.toString());
	}
}
