package io.polyshop.checkout.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import io.polyshop.cart.PricedCart;
import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.ShippingAddress;
import io.polyshop.shared.Money;

/**
 * The order aggregate: header, lines with their price snapshot, and every status transition.
 * PAYMENT_PENDING (written with the stock reservation, before the gateway is asked to charge) → PAID → COMPLETED,
 * or PAYMENT_PENDING → CANCELLED with a reason; a charge that arrives for an order that can no longer be completed
 * is refunded, and the order records the refund. Nothing else: plain domain code, unit-tested without Spring.
 */
@Table("orders")
class Order {

	private final @Id UUID id;
	private final String customerId;
	private final String idempotencyKey;
	private OrderStatus status;
	private String cancelReason;
	private final String currency;
	private final BigDecimal total;
	@Embedded.Empty(prefix = "ship_")
	private final ShippingAddress shippingAddress;
	private String paymentReference;
	private String refundReference;
	private final String cardLast4;
	private final Instant placedAt;
	private @Version Integer version;
	@MappedCollection(idColumn = "order_id", keyColumn = "line_no")
	private final List<OrderLine> lines;
	@MappedCollection(idColumn = "order_id", keyColumn = "seq")
	private final List<StatusChange> statusChanges;
	/**
	 * How many of the status changes the database holds, as read (or as placed: a new order is inserted whole by
	 * {@link OrderStatements#insert}); a settlement appends the others ({@link OrderStatements}).
	 */
	@Transient
	private int storedChanges;

	@PersistenceCreator
	Order(UUID id, String customerId, String idempotencyKey, OrderStatus status, String cancelReason, String currency,
			BigDecimal total, ShippingAddress shippingAddress, String paymentReference, String refundReference, String cardLast4, Instant placedAt,
			Integer version, List<OrderLine> lines, List<StatusChange> statusChanges) {
		this.id = id;
		this.customerId = customerId;
		this.idempotencyKey = idempotencyKey;
		this.status = status;
		this.cancelReason = cancelReason;
		this.currency = currency;
		this.total = total;
		this.shippingAddress = shippingAddress;
		this.paymentReference = paymentReference;
		this.refundReference = refundReference;
		this.cardLast4 = cardLast4;
		this.placedAt = placedAt;
		this.version = version;
		this.lines = lines;
		this.statusChanges = new ArrayList<>(statusChanges);
		this.storedChanges = statusChanges.size();
	}

	/** @param cart priced at checkout from inventory's current prices: at least one line, all in one currency */
	static Order place(String customerId, String idempotencyKey, PricedCart cart, ShippingAddress address,
			String cardLast4, Instant now) {
		Money total = cart.total().orElseThrow(() -> new IllegalArgumentException("An order is priced in one currency"));
		return new Order(UUID.randomUUID(), customerId, idempotencyKey, OrderStatus.PAYMENT_PENDING, null, total.currency(),
				total.amount(), address, null, null, cardLast4, now, null,
				cart.lines().stream().map(line -> new OrderLine(line.sku(), line.title(), line.quantity(), line.unitPrice().amount())).toList(),
				List.of(new StatusChange(OrderStatus.PAYMENT_PENDING.name(), null, now)));
	}

	void markPaid(String paymentReference, Instant now) {
		transition(OrderStatus.PAYMENT_PENDING, OrderStatus.PAID, null, now);
		this.paymentReference = paymentReference;
	}

	void markCompleted(Instant now) {
		transition(OrderStatus.PAID, OrderStatus.COMPLETED, null, now);
	}

	/** Cancels an order whose payment was not taken (declined, or voided after an unknown outcome). */
	void cancel(String reason, Instant now) {
		transition(OrderStatus.PAYMENT_PENDING, OrderStatus.CANCELLED, reason, now);
		this.cancelReason = reason;
	}

	/**
	 * Records that a charge taken for this order was given back. Either the order is still pending and is cancelled
	 * with the refund as its reason, or it was already cancelled (the charge came in after) and keeps its status;
	 * a completed order is never refunded here.
	 */
	void refunded(String paymentReference, String refundReference, String reason, Instant now) {
		if (refundReference == null || refundReference.isBlank()) {
			throw new IllegalArgumentException("a refund needs its reference");
		}
		if (this.refundReference != null) {
			return; // recorded before: idempotent
		}
		if (status == OrderStatus.PAYMENT_PENDING) {
			cancel(reason, now);
		}
		else if (status != OrderStatus.CANCELLED) {
			throw new IllegalStateException("Order " + id + " is " + status + ", it cannot be refunded");
		}
		this.paymentReference = paymentReference;
		this.refundReference = refundReference;
		statusChanges.add(new StatusChange("REFUNDED", reason, now));
	}

	private void transition(OrderStatus from, OrderStatus to, String reason, Instant now) {
		if (status != from) {
			throw new IllegalStateException("Order " + id + " is " + status + ", cannot become " + to);
		}
		status = to;
		statusChanges.add(new StatusChange(to.name(), reason, now));
	}

	/** The status changes made since the order was read (or last stored), with the position the first one takes. */
	List<StatusChange> unstoredChanges() {
		return List.copyOf(statusChanges.subList(storedChanges, statusChanges.size()));
	}

	int firstUnstoredSeq() {
		return storedChanges;
	}

	/** The new order is in the database now, at its first version. */
	void inserted() {
		version = 0;
		storedChanges = statusChanges.size();
	}

	/** The settlement is in the database now, under the next version. */
	void stored() {
		version = version + 1;
		storedChanges = statusChanges.size();
	}

	UUID id() {
		return id;
	}

	Integer version() {
		return version;
	}

	String cancelReason() {
		return cancelReason;
	}

	ShippingAddress shippingAddress() {
		return shippingAddress;
	}

	String cardLast4() {
		return cardLast4;
	}

	List<StatusChange> statusChanges() {
		return List.copyOf(statusChanges);
	}

	String customerId() {
		return customerId;
	}

	OrderStatus status() {
		return status;
	}

	String paymentReference() {
		return paymentReference;
	}

	String refundReference() {
		return refundReference;
	}

	String shippingName() {
		return shippingAddress == null ? null : shippingAddress.name();
	}

	String idempotencyKey() {
		return idempotencyKey;
	}

	Instant placedAt() {
		return placedAt;
	}

	Money total() {
		return new Money(total, currency);
	}

	List<OrderLine> lines() {
		return lines;
	}

	OrderSnapshot snapshot() {
		return new OrderSnapshot(id.toString(), customerId, status.name(), cancelReason, total(),
				lines.stream().map(line -> new OrderSnapshot.Line(line.sku(), line.title(), line.quantity(),
						line.unitPrice(currency), line.lineTotal(currency))).toList(),
				shippingAddress, new OrderSnapshot.Payment(paymentReference, cardLast4),
				statusChanges.stream().map(c -> new OrderSnapshot.StatusChange(c.status(), c.reason(), c.changedAt())).toList(),
				placedAt, version == null ? 0 : version);
	}
}
