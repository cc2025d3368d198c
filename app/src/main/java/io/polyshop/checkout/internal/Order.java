package io.polyshop.checkout.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import io.polyshop.checkout.OrderSnapshot;
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

	enum Status {
		PAYMENT_PENDING, PAID, COMPLETED, CANCELLED;

		/** Stock reserved, the charge's outcome not yet known: the in-doubt resolver's work. */
		boolean open() {
			return this == PAYMENT_PENDING;
		}
	}

	private final @Id UUID id;
	private final String customerId;
	private final String idempotencyKey;
	private Status status;
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

	@PersistenceCreator
	Order(UUID id, String customerId, String idempotencyKey, Status status, String cancelReason, String currency,
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
	}

	/** A line as priced at checkout, from inventory's current price. */
	record PricedLine(String sku, String title, int quantity, Money unitPrice) {
	}

	/** @param lines at least one line, all priced in one currency */
	static Order place(String customerId, String idempotencyKey, List<PricedLine> lines, ShippingAddress address,
			String cardLast4, Instant now) {
		String currency = lines.get(0).unitPrice().currency();
		Money total = lines.stream().map(line -> line.unitPrice().times(line.quantity())).reduce(Money.zero(currency), Money::plus);
		return new Order(UUID.randomUUID(), customerId, idempotencyKey, Status.PAYMENT_PENDING, null, currency, total.amount(),
				address, null, null, cardLast4, now, null,
				lines.stream().map(line -> new OrderLine(line.sku(), line.title(), line.quantity(), line.unitPrice().amount())).toList(),
				List.of(new StatusChange(Status.PAYMENT_PENDING.name(), null, now)));
	}

	void markPaid(String paymentReference, Instant now) {
		transition(Status.PAYMENT_PENDING, Status.PAID, null, now);
		this.paymentReference = paymentReference;
	}

	void markCompleted(Instant now) {
		transition(Status.PAID, Status.COMPLETED, null, now);
	}

	/** Cancels an order whose payment was not taken (declined, or voided after an unknown outcome). */
	void cancel(String reason, Instant now) {
		transition(Status.PAYMENT_PENDING, Status.CANCELLED, reason, now);
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
		if (status == Status.PAYMENT_PENDING) {
			cancel(reason, now);
		}
		else if (status != Status.CANCELLED) {
			throw new IllegalStateException("Order " + id + " is " + status + ", it cannot be refunded");
		}
		this.paymentReference = paymentReference;
		this.refundReference = refundReference;
		statusChanges.add(new StatusChange("REFUNDED", reason, now));
	}

	private void transition(Status from, Status to, String reason, Instant now) {
		if (status != from) {
			throw new IllegalStateException("Order " + id + " is " + status + ", cannot become " + to);
		}
		status = to;
		statusChanges.add(new StatusChange(to.name(), reason, now));
	}

	UUID id() {
		return id;
	}

	String customerId() {
		return customerId;
	}

	Status status() {
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
