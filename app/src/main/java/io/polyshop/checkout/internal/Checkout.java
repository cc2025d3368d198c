package io.polyshop.checkout.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.cart.CartItem;
import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;
import io.polyshop.catalog.Catalog;
import io.polyshop.checkout.OrderCancelled;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.OrderPlaced;
import io.polyshop.checkout.PaymentGateway;
import io.polyshop.checkout.PaymentGateway.PaymentResult;
import io.polyshop.inventory.InsufficientStock;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;

/**
 * Checkout across the stores. The cart (Redis) says what; inventory (PostgreSQL) says at what price, now.
 * One PostgreSQL transaction takes the stock, writes the order and records {@link OrderPlaced} in the outbox;
 * the payment runs outside it; a second transaction completes the order (recording {@link OrderCompleted}) or
 * cancels it and gives the stock back. The order document (MongoDB), the cart clean-up (Redis) and the graph
 * (Neo4j) follow from those events after commit, retried until they succeed.
 */
@Service
class Checkout {

	private static final Logger log = LoggerFactory.getLogger(Checkout.class);
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private final Orders orders;
	private final Carts carts;
	private final Inventory inventory;
	private final Catalog catalog;
	private final PaymentGateway payments;
	private final TransactionTemplate transaction;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Checkout(Orders orders, Carts carts, Inventory inventory, Catalog catalog, PaymentGateway payments,
			TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.carts = carts;
		this.inventory = inventory;
		this.catalog = catalog;
		this.payments = payments;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
	}

	CheckoutResult checkout(String customerId, String idempotencyKey, CheckoutRequest request) {
		if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw CheckoutProblems.missingIdempotencyKey();
		}
		var earlier = orders.findByCustomerIdAndIdempotencyKey(customerId, idempotencyKey);
		if (earlier.isPresent()) {
			return CheckoutResult.of(earlier.get(), false);
		}
		if (!Luhn.isValid(request.payment().cardNumber())) {
			throw CheckoutProblems.invalidCard();
		}

		List<Order.PricedLine> lines = priceAtCheckout(carts.items(CartOwner.customer(customerId)));
		Order order;
		try {
			order = transaction.execute(status -> {
				Order placed = orders.save(Order.place(customerId, idempotencyKey, lines, request.shippingAddress(),
						request.payment().last4(), clock.instant()));
				inventory.reserve(quantities(placed));
				events.publishEvent(new OrderPlaced(placed.id().toString(), customerId));
				return placed;
			});
		}
		catch (RuntimeException e) {
			if (!causedByDuplicateKey(e)) {
				throw e;
			}
			// another request with this key committed first: its order is the answer, and ours rolled back whole
			return CheckoutResult.of(orders.findByCustomerIdAndIdempotencyKey(customerId, idempotencyKey).orElseThrow(), false);
		}

		PaymentResult payment = charge(order, request.payment().cardNumber());
		if (payment instanceof PaymentGateway.Approved approved) {
			return CheckoutResult.of(complete(order.id(), approved.reference()), true);
		}
		if (payment instanceof PaymentGateway.Declined declined) {
			throw CheckoutProblems.paymentDeclined(cancel(order.id(), "payment declined"), declined.reason());
		}
		throw CheckoutProblems.paymentFailed(cancel(order.id(), "payment failed"), ((PaymentGateway.Failed) payment).reason());
	}

	/** Spring Data JDBC wraps the driver's unique violation; look for it down the causes. */
	private static boolean causedByDuplicateKey(Throwable e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof DuplicateKeyException) {
				return true;
			}
		}
		return false;
	}

	/** Prices from inventory now, never from the cart; titles from the catalog, or the SKU if it is unreachable. */
	private List<Order.PricedLine> priceAtCheckout(List<CartItem> items) {
		if (items.isEmpty()) {
			throw CheckoutProblems.emptyCart();
		}
		Set<String> skus = items.stream().map(CartItem::sku).collect(Collectors.toCollection(java.util.TreeSet::new));
		Map<String, StockLevel> stock = inventory.findAll(skus);
		List<String> unknown = skus.stream().filter(sku -> !stock.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			throw new InsufficientStock(unknown);
		}
		// fail fast without a transaction when stock is visibly short; the guarded decrement stays the real guard
		List<String> visiblyShort = items.stream().filter(item -> stock.get(item.sku()).available() < item.quantity())
				.map(CartItem::sku).toList();
		if (!visiblyShort.isEmpty()) {
			throw new InsufficientStock(visiblyShort);
		}
		if (stock.values().stream().map(level -> level.price().currency()).distinct().count() > 1) {
			throw CheckoutProblems.mixedCurrencies();
		}
		Map<String, String> titles = catalog.titlesIfReachable(skus);
		return items.stream().map(item -> new Order.PricedLine(item.sku(), titles.getOrDefault(item.sku(), item.sku()),
				item.quantity(), stock.get(item.sku()).price())).toList();
	}

	/** Outside any transaction: a slow provider never keeps stock rows locked. */
	private PaymentResult charge(Order order, String cardNumber) {
		try {
			return payments.charge(order.id().toString(), order.total(), cardNumber);
		}
		catch (RuntimeException e) {
			log.warn("Payment gateway failed for order {}: {}", order.id(), e.toString());
			return new PaymentGateway.Failed("The payment provider could not be reached.");
		}
	}

	private Order complete(UUID orderId, String paymentReference) {
		return transaction.execute(status -> {
			Order order = orders.findById(orderId).orElseThrow();
			order.markPaid(paymentReference, clock.instant());
			order.markCompleted(clock.instant());
			Order saved = orders.save(order);
			events.publishEvent(new OrderCompleted(orderId.toString(), saved.customerId(),
					saved.lines().stream().map(l -> new OrderCompleted.Line(l.sku(), l.title(), l.quantity())).toList(),
					clock.instant()));
			return saved;
		});
	}

	/** Compensation: stock back, order cancelled with its reason, in one transaction. The cart is left alone. */
	Order cancel(UUID orderId, String reason) {
		return transaction.execute(status -> {
			Order order = orders.findById(orderId).orElseThrow();
			inventory.release(quantities(order));
			order.cancel(reason, clock.instant());
			Order saved = orders.save(order);
			events.publishEvent(new OrderCancelled(orderId.toString(), saved.customerId(), reason));
			return saved;
		});
	}

	private static Map<String, Integer> quantities(Order order) {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		order.lines().forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
		return quantities;
	}
}
