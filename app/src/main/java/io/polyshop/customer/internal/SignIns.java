package io.polyshop.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.customer.CustomerSignedIn;

/**
 * Records a browser sign-in. The event is published inside a PostgreSQL transaction so that the event
 * publication registry keeps it for its listeners (the cart merge) even if the application stops right after.
 */
@Service
class SignIns {

	private final Customers customers;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SignIns(Customers customers, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.customers = customers;
		this.events = events;
	}

	@Transactional
	void signedIn(String customerId, String previousSessionId) {
		Instant now = clock.instant();
		customers.markSignedIn(UUID.fromString(customerId), now);
		events.publishEvent(new CustomerSignedIn(customerId, previousSessionId, now));
	}
}
