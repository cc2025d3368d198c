package io.polyshop.checkout.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.checkout.OrderCancelled;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PaymentGateway;
import io.polyshop.checkout.PaymentGateway.ChargeStatus;
import io.polyshop.checkout.SkuQuantities;
import io.polyshop.inventory.Inventory;
import io.polyshop.shared.FaultSeams;

/**
 * Brings an order to the end its payment calls for, given what the provider says about the charge
 * ({@link PaymentResolution}): complete, cancel (stock released), or refund. Every step is a PostgreSQL
 * transaction guarded by the order's version, so two instances (or a checkout and the resolver) settling the same
 * order at once end in one outcome: the loser's transaction rolls back, re-reads, and finds nothing left to do.
 */
@Component
class OrderPayments {

	private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

	private final Orders orders;
	private final Inventory inventory;
	private final CartClaims claims;
	private final PaymentGateway gateway;
	private final TransactionTemplate transaction;
	private final ApplicationEventPublisher events;
	private final FaultSeams seams;
	private final Clock clock;

	OrderPayments(Orders orders, Inventory inventory, CartClaims claims, PaymentGateway gateway, TransactionTemplate transaction,
			ApplicationEventPublisher events, FaultSeams seams, Clock clock) {
		this.orders = orders;
		this.inventory = inventory;
		this.claims = claims;
		this.gateway = gateway;
		this.transaction = transaction;
		this.events = events;
		this.seams = seams;
		this.clock = clock;
	}

	/** Asks the provider what happened to the order's charge and settles accordingly. Throws if it cannot be asked. */
	Order resolve(UUID orderId) {
		return settle(orderId, gateway.status(orderId.toString()), "payment not taken");
	}

	/**
	 * Settles the order for a charge in the given state.
	 *
	 * @param noChargeReason why the order is cancelled when no charge was taken
	 */
	Order settle(UUID orderId, ChargeStatus charge, String noChargeReason) {
		return settle(orders.findById(orderId).orElseThrow(), charge, noChargeReason);
	}

	/**
	 * Settles the order, deciding from {@code lastSeen} first: the checkout passes the order it has just placed, rather
	 * than read it again. Each step re-reads the order locked and gives up if it is no longer open, and then the
	 * decision is made again from a fresh read, so a stale {@code lastSeen} costs a retry, never a wrong outcome.
	 */
	Order settle(Order lastSeen, ChargeStatus charge, String noChargeReason) {
		Order order = lastSeen;
		for (int attempt = 0; ; attempt++) {
			UUID orderId = order.id();
			try {
				return switch (PaymentResolution.next(order.status(), order.refundReference() != null, charge.state())) {
					case COMPLETE -> complete(orderId, charge.reference());
					case CANCEL -> cancel(orderId, noChargeReason);
					case VOID -> settle(orderId, gateway.cancelUnlessCharged(orderId.toString()), noChargeReason);
					case REFUND -> refund(orderId, charge.reference(), "refunded: the order could not be completed");
					case NOTHING -> order;
				};
			}
			catch (OptimisticLockingFailureException e) {
				if (attempt >= 3) {
					throw e;
				}
				log.debug("Order {} changed while being settled; reading it again", orderId);
				order = orders.findById(orderId).orElseThrow();
			}
		}
	}

	/** Charged: the reserved units leave stock and the order completes; if they cannot, the charge is refunded. */
	private Order complete(UUID orderId, String paymentReference) {
		try {
			return transaction.execute(status -> {
				Order order = orders.findLockedById(orderId).orElseThrow();
				if (!order.status().open()) { // settled by someone else since we looked: look again
					throw new OptimisticLockingFailureException("order " + orderId + " is " + order.status());
				}
				order.markPaid(paymentReference, clock.instant());
				if (!inventory.takeReserved(quantities(order))) {
					throw new Unfulfillable();
				}
				order.markCompleted(clock.instant());
				Order saved = orders.saveSettlement(order);
				events.publishEvent(new OrderCompleted(orderId.toString(), saved.customerId(),
						saved.lines().stream().map(l -> new OrderCompleted.Line(l.sku(), l.title(), l.quantity())).toList(),
						clock.instant()));
				seams.reached("before-completion-commit", order.shippingName());
				return saved;
			});
		}
		catch (Unfulfillable e) {
			log.warn("Order {} was charged but its reserved stock is gone; refunding", orderId);
			return refund(orderId, paymentReference, "refunded: the order could no longer be fulfilled");
		}
	}

	/** Not charged (declined, or voided): stock back, cart contents free again, in one transaction; once. */
	Order cancel(UUID orderId, String reason) {
		return transaction.execute(status -> {
			Order order = orders.findLockedById(orderId).orElseThrow();
			if (!order.status().open()) {
				return order;
			}
			inventory.release(quantities(order));
			claims.release(orderId);
			order.cancel(reason, clock.instant());
			Order saved = orders.saveSettlement(order);
			events.publishEvent(new OrderCancelled(orderId.toString(), saved.customerId(), reason));
			return saved;
		});
	}

	/** Gives the charge back at the provider (idempotent there), then records it; a pending order is cancelled. */
	private Order refund(UUID orderId, String paymentReference, String reason) {
		Order current = orders.findById(orderId).orElseThrow();
		if (current.status() == OrderStatus.COMPLETED || current.refundReference() != null) {
			return current; // completed (by a concurrent settle) or refunded already: never give a completed order's money back
		}
		String refundReference = gateway.refund(orderId.toString());
		return transaction.execute(status -> {
			Order order = orders.findLockedById(orderId).orElseThrow();
			boolean wasOpen = order.status().open();
			order.refunded(paymentReference, refundReference, reason, clock.instant());
			if (wasOpen) {
				inventory.release(quantities(order));
				claims.release(orderId);
				events.publishEvent(new OrderCancelled(orderId.toString(), order.customerId(), reason));
			}
			log.warn("Order {}: charge {} refunded ({})", orderId, paymentReference, reason);
			return orders.saveSettlement(order);
		});
	}

	static Map<String, Integer> quantities(Order order) {
		return SkuQuantities.of(order.lines(), OrderLine::sku, OrderLine::quantity);
	}

	/** Rolls the completing transaction back: the reserved units are not there any more. */
	private static final class Unfulfillable extends RuntimeException {

		Unfulfillable() {
			super(null, null, false, false);
		}
	}
}
