package io.polyshop.checkout.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.cart.CartItem;
import io.polyshop.cart.CartOwner;
import io.polyshop.cart.CartPricing;
import io.polyshop.cart.Carts;
import io.polyshop.cart.PricedCart;
import io.polyshop.checkout.OrderPlaced;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PaymentGateway;
import io.polyshop.checkout.PaymentGateway.ChargeStatus;
import io.polyshop.checkout.PaymentGateway.PaymentResult;
import io.polyshop.inventory.InsufficientStock;
import io.polyshop.inventory.Inventory;
import io.polyshop.shared.FaultSeams;
import io.polyshop.shared.ListenerBacklog;

/**
 * Checkout across the stores. The cart (Redis) says what; inventory (PostgreSQL) says at what price, now.
 * One PostgreSQL transaction reserves the stock, writes the order as PAYMENT_PENDING, takes the Idempotency-Key and
 * the cart contents' claim, and records {@link OrderPlaced} in the outbox: the pending state is durable before any
 * money moves. The charge runs outside it; {@link OrderPayments} then completes, cancels or refunds the order. A
 * charge whose outcome is unknown (error, time-out) is never read as failed: the provider is asked, now and, if it
 * cannot answer, later by {@link InDoubtPayments}. The order document (MongoDB), the cart clean-up (Redis) and the
 * graph (Neo4j) follow from the events after commit, retried until they succeed.
 */
@Service
class Checkout {

	private static final Logger log = LoggerFactory.getLogger(Checkout.class);
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private final Orders orders;
	private final CheckoutKeys keys;
	private final CartClaims claims;
	private final OrderPayments payments;
	private final CartCleanup cleanup;
	private final Carts carts;
	private final Inventory inventory;
	private final CartPricing pricing;
	private final PaymentGateway gateway;
	private final TransactionTemplate transaction;
	private final ApplicationEventPublisher events;
	private final FaultSeams seams;
	private final ListenerBacklog backlog;
	private final CheckoutAdmission admission;
	private final Clock clock;
	private final Duration keyLifetime;

	Checkout(Orders orders, CheckoutKeys keys, CartClaims claims, OrderPayments payments, CartCleanup cleanup, Carts carts, Inventory inventory,
			CartPricing pricing, PaymentGateway gateway, TransactionTemplate transaction, ApplicationEventPublisher events,
			FaultSeams seams, ListenerBacklog backlog, CheckoutAdmission admission, Clock clock, @Value("${polyshop.checkout.idempotency-key-lifetime:24h}") Duration keyLifetime) {
		this.orders = orders;
		this.keys = keys;
		this.claims = claims;
		this.payments = payments;
		this.cleanup = cleanup;
		this.carts = carts;
		this.inventory = inventory;
		this.pricing = pricing;
		this.gateway = gateway;
		this.transaction = transaction;
		this.events = events;
		this.seams = seams;
		this.backlog = backlog;
		this.admission = admission;
		this.clock = clock;
		this.keyLifetime = keyLifetime;
	}

	CheckoutResult checkout(String customerId, String idempotencyKey, CheckoutRequest request) {
		if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw CheckoutProblems.missingIdempotencyKey();
		}
		String requestHash = request.hash(customerId, idempotencyKey);
		var earlier = keys.find(customerId, idempotencyKey);
		if (earlier.isPresent()) {
			return replay(earlier.get(), requestHash, request);
		}
		if (!Luhn.isValid(request.payment().cardNumber())) {
			throw CheckoutProblems.invalidCard();
		}
		backlog.awaitRoom(); // before any connection is taken: the deliveries it waits for need them

		java.time.Instant cartReadAt = claims.now();
		List<CartItem> items = carts.items(CartOwner.customer(customerId));
		PricedCart priced = priceAtCheckout(items);
		String fingerprint = CartClaims.fingerprint(items);
		Order order;
		try {
			order = admission.admit(() -> transaction.execute(status -> {
				Order placed = orders.insert(Order.place(customerId, idempotencyKey, priced, request.shippingAddress(),
						request.payment().last4(), clock.instant()));
				inventory.reserve(OrderPayments.quantities(placed));
				if (!keys.claim(customerId, idempotencyKey, requestHash, placed.id(), keyLifetime)) {
					throw new KeyTakenMeanwhile();
				}
				claims.claim(customerId, fingerprint, placed.id(), cartReadAt).ifPresent(holder -> {
					throw CheckoutProblems.cartAlreadyCheckedOut(holder);
				});
				events.publishEvent(new OrderPlaced(placed.id().toString(), customerId));
				return placed;
			}));
		}
		catch (KeyTakenMeanwhile e) {
			// another request with this key committed first: its order is the answer, and ours rolled back whole
			return replay(keys.find(customerId, idempotencyKey).orElseThrow(), requestHash, request);
		}
		seams.reached("after-order-insert", order.shippingName());
		return pay(order, request.payment().cardNumber(), true);
	}

	/**
	 * The key was used before: the same request gets the same order (a pending one is resumed, its charge retried,
	 * which the provider answers once per order); a different request under the same key is refused.
	 */
	private CheckoutResult replay(CheckoutKeys.CheckoutKey key, String requestHash, CheckoutRequest request) {
		if (key.requestHash() != null && !key.requestHash().equals(requestHash)) {
			throw CheckoutProblems.keyReusedWithAnotherRequest(key.orderId());
		}
		Order order = orders.findById(key.orderId()).orElseThrow();
		if (order.status().open()) {
			log.info("Checkout retried for pending order {}: resuming its payment", order.id());
			return pay(order, request.payment().cardNumber(), false);
		}
		return CheckoutResult.of(order, false);
	}

	/** Outside any transaction: a slow provider never keeps stock rows locked. */
	private CheckoutResult pay(Order order, String cardNumber, boolean created) {
		PaymentResult result;
		try {
			result = gateway.charge(order.id().toString(), order.total(), cardNumber);
		}
		catch (RuntimeException e) {
			log.warn("Payment outcome unknown for order {}: {}", order.id(), e.toString());
			result = null;
		}
		seams.reached("after-charge", order.shippingName());
		if (result instanceof PaymentGateway.Approved approved) {
			Order settled = payments.settle(order, new ChargeStatus(ChargeStatus.State.CHARGED, approved.reference()), "payment not taken");
			if (settled.status() != OrderStatus.COMPLETED) {
				throw CheckoutProblems.refunded(settled);
			}
			cleanup.cleanNow(settled);
			return CheckoutResult.of(settled, created);
		}
		if (result instanceof PaymentGateway.Declined declined) {
			throw CheckoutProblems.paymentDeclined(payments.cancel(order.id(), "payment declined"), declined.reason());
		}
		// unknown: ask the provider what happened rather than assume; it may not answer yet either
		Order settled;
		try {
			settled = payments.resolve(order.id());
		}
		catch (RuntimeException e) {
			log.warn("Payment of order {} still in doubt ({}); the in-doubt resolver will settle it", order.id(), e.toString());
			return CheckoutResult.of(orders.findById(order.id()).orElseThrow(), created);
		}
		return switch (settled.status()) {
			case COMPLETED -> {
				cleanup.cleanNow(settled);
				yield CheckoutResult.of(settled, created);
			}
			case CANCELLED -> throw settled.refundReference() != null ? CheckoutProblems.refunded(settled)
					: CheckoutProblems.paymentFailed(settled, "The payment provider did not answer.");
			default -> CheckoutResult.of(settled, created);
		};
	}

	/** Prices from inventory now, never from the cart: the pricing the cart view shows, refused where it cannot be paid. */
	private PricedCart priceAtCheckout(List<CartItem> items) {
		if (items.isEmpty()) {
			throw CheckoutProblems.emptyCart();
		}
		PricedCart priced = pricing.price(items);
		if (!priced.unknownSkus().isEmpty()) {
			throw new InsufficientStock(priced.unknownSkus().stream().sorted().toList());
		}
		// fail fast without a transaction when stock is visibly short; the guarded reservation stays the real guard
		if (!priced.shortSkus().isEmpty()) {
			throw new InsufficientStock(priced.shortSkus());
		}
		if (priced.total().isEmpty()) {
			throw CheckoutProblems.mixedCurrencies();
		}
		return priced;
	}

	/** Rolls the order transaction back: a concurrent request with the same key got there first. */
	private static final class KeyTakenMeanwhile extends RuntimeException {

		KeyTakenMeanwhile() {
			super(null, null, false, false);
		}
	}
}
