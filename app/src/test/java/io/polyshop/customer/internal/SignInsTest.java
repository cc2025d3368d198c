package io.polyshop.customer.internal;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.polyshop.customer.CustomerSignedIn;

import static org.assertj.core.api.Assertions.assertThat;

class SignInsTest {

	private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

	@Test
	void aSignInIsStampedWithTheShopsClock() {
		List<Object> marked = new ArrayList<>();
		Customers customers = (Customers) Proxy.newProxyInstance(Customers.class.getClassLoader(),
				new Class<?>[] { Customers.class }, (proxy, method, arguments) -> {
					marked.add(arguments[1]);
					return 1;
				});
		List<Object> events = new ArrayList<>();

		new SignIns(customers, events::add, Clock.fixed(NOW, ZoneOffset.UTC))
			.signedIn("0b7c7a4e-9c64-4ac4-9a55-1ad2f7e2b0a1", "previous-session");

		assertThat(marked).containsExactly(NOW);
		assertThat(events).containsExactly(
				new CustomerSignedIn("0b7c7a4e-9c64-4ac4-9a55-1ad2f7e2b0a1", "previous-session", NOW));
	}
}
