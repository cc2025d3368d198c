package io.polyshop.checkout.internal;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import io.polyshop.checkout.OrderStatus;

/**
 * Settles orders whose payment ended in doubt: the instance died between reserving the stock and recording the
 * charge's outcome, or the provider did not answer. Each is settled by asking the provider
 * ({@link OrderPayments#resolve}): completed if charged, cancelled with its stock released if not (after making
 * sure no late charge can land), refunded if charged but no longer fulfillable. Runs shortly after start-up and
 * then periodically, on one instance of the cluster at a time (ShedLock). An order is in doubt only once it is
 * older than {@code polyshop.checkout.in-doubt-after}, longer than a live checkout's charge can take.
 */
@Component
class InDoubtPayments {

	private static final Logger log = LoggerFactory.getLogger(InDoubtPayments.class);

	private final Orders orders;
	private final OrderPayments payments;
	private final CheckoutKeys keys;
	private final Clock clock;
	private final Duration inDoubtAfter;

	InDoubtPayments(Orders orders, OrderPayments payments, CheckoutKeys keys, Clock clock,
			@Value("${polyshop.checkout.in-doubt-after:30s}") Duration inDoubtAfter) {
		this.orders = orders;
		this.payments = payments;
		this.keys = keys;
		this.clock = clock;
		this.inDoubtAfter = inDoubtAfter;
	}

	@Scheduled(initialDelayString = "${polyshop.checkout.in-doubt-first-check:5s}",
			fixedDelayString = "${polyshop.checkout.in-doubt-check-interval:10s}")
	// at most: never shorter than the check interval (ShedLock refuses a maximum below the minimum)
	@SchedulerLock(name = "checkout.in-doubt-payments", lockAtLeastFor = "${polyshop.checkout.in-doubt-check-interval:10s}",
			lockAtMostFor = "${polyshop.checkout.in-doubt-lock-at-most:30s}")
	void settleOrdersInDoubt() {
		var inDoubt = orders.findTop100ByStatusAndPlacedAtBefore(OrderStatus.PAYMENT_PENDING, clock.instant().minus(inDoubtAfter));
		for (Order order : inDoubt) {
			try {
				Order settled = payments.resolve(order.id());
				log.warn("Settled order {} whose payment was in doubt: {}{}", order.id(), settled.status(),
						settled.refundReference() != null ? " (refunded)" : "");
			}
			catch (RuntimeException e) { // the provider or a store does not answer: next round
				log.warn("Could not settle order {} yet: {}", order.id(), e.toString());
			}
		}
	}

	/** Expired Idempotency-Keys, in batches so no single statement holds many rows. */
	@Scheduled(initialDelayString = "${polyshop.checkout.idempotency-key-purge-first-run:1m}",
			fixedDelayString = "${polyshop.checkout.idempotency-key-purge-interval:1h}")
	@SchedulerLock(name = "checkout.expired-idempotency-keys", lockAtLeastFor = "${polyshop.checkout.idempotency-key-purge-interval:1h}",
			lockAtMostFor = "${polyshop.checkout.idempotency-key-purge-interval:1h}")
	void purgeExpiredKeys() {
		int purged = 0;
		int batch;
		do {
			batch = keys.purgeExpired(1000);
			purged += batch;
		}
		while (batch == 1000);
		if (purged > 0) {
			log.info("Purged {} expired Idempotency-Keys", purged);
		}
	}
}
