package io.polyshop.checkout.internal;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An order still PLACED long after checkout means the instance crashed between taking the stock and recording
 * the payment's outcome. Its stock must not stay taken forever: cancel it and give the stock back.
 */
@Component
class UnconfirmedPayments {

	private static final Logger log = LoggerFactory.getLogger(UnconfirmedPayments.class);

	private final Orders orders;
	private final Checkout checkout;
	private final Clock clock;
	private final Duration timeout;

	UnconfirmedPayments(Orders orders, Checkout checkout, Clock clock,
			@Value("${polyshop.checkout.payment-timeout:10m}") Duration timeout) {
		this.orders = orders;
		this.checkout = checkout;
		this.clock = clock;
		this.timeout = timeout;
	}

	@Scheduled(fixedDelayString = "${polyshop.checkout.payment-timeout-check:60s}", initialDelayString = "30s")
	void cancelOrdersWhosePaymentWasNeverConfirmed() {
		orders.findTop100ByStatusAndPlacedAtBefore(Order.Status.PLACED, clock.instant().minus(timeout)).forEach(order -> {
			try {
				checkout.cancel(order.id(), "payment not confirmed in time");
				log.warn("Cancelled order {}: its payment was never confirmed; stock released", order.id());
			}
			catch (RuntimeException e) { // another instance got there first, or a store is down: next round
				log.debug("Could not cancel unconfirmed order {}: {}", order.id(), e.toString());
			}
		});
	}
}
