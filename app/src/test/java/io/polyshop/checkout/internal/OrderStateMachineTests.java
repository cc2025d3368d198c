package io.polyshop.checkout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.polyshop.cart.CartItem;
import io.polyshop.cart.PricedCart;
import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PaymentGateway.ChargeStatus.State;
import io.polyshop.checkout.ShippingAddress;
import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.Money;

/** The order's states and the payment resolution rule, as plain domain code: no Spring, no engines. */
class OrderStateMachineTests {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	static Order pending() {
		PricedCart cart = PricedCart.of(List.of(new CartItem("BOOK-00001", 2)),
				Map.of("BOOK-00001", new StockLevel("BOOK-00001", new Money(new BigDecimal("9.50"), "EUR"), 5, 5, 0)),
				Map.of("BOOK-00001", "A book"));
		return Order.place("c1", "k1", cart,
				new ShippingAddress("Ada", "1 Main St", "Paris", "75001", "FR"), "4242", NOW);
	}

	@Test
	void anOrderIsPendingPaymentFromTheMomentItIsWritten() {
		Order order = pending();
		assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_PENDING);
		assertThat(order.status().open()).isTrue();
		assertThat(order.total()).isEqualTo(new Money(new BigDecimal("19.00"), "EUR"));
	}

	@Test
	void paidThenCompleted() {
		Order order = pending();
		order.markPaid("sim-1", NOW);
		order.markCompleted(NOW);
		assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(order.snapshot().timeline()).extracting(c -> c.status()).containsExactly("PAYMENT_PENDING", "PAID", "COMPLETED");
	}

	@Test
	void aSettlementStoresOnlyTheStatusChangesMadeSinceTheOrderWasRead() {
		Order order = pending(); // as placed: its first change is inserted with it
		assertThat(order.unstoredChanges()).isEmpty();
		order.markPaid("sim-1", NOW);
		order.markCompleted(NOW);
		assertThat(order.firstUnstoredSeq()).isEqualTo(1);
		assertThat(order.unstoredChanges()).extracting(StatusChange::status).containsExactly("PAID", "COMPLETED");
	}

	@Test
	void aSettledOrderCannotMoveAgain() {
		Order cancelled = pending();
		cancelled.cancel("payment declined", NOW);
		assertThatIllegalStateException().isThrownBy(() -> cancelled.markPaid("sim-1", NOW));
		assertThatIllegalStateException().isThrownBy(() -> cancelled.cancel("again", NOW));

		Order completed = pending();
		completed.markPaid("sim-1", NOW);
		completed.markCompleted(NOW);
		assertThatIllegalStateException().isThrownBy(() -> completed.cancel("late", NOW));
		assertThatIllegalStateException().isThrownBy(() -> completed.refunded("sim-1", "r-1", "late", NOW));
	}

	@Test
	void aRefundCancelsAPendingOrderAndIsRecordedOnce() {
		Order order = pending();
		order.refunded("sim-1", "refund-sim-1", "refunded: could not be fulfilled", NOW);
		order.refunded("sim-1", "refund-sim-1", "refunded: could not be fulfilled", NOW);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.refundReference()).isEqualTo("refund-sim-1");
		assertThat(order.snapshot().timeline()).extracting(c -> c.status()).containsExactly("PAYMENT_PENDING", "CANCELLED", "REFUNDED");
	}

	@Test
	void aChargeThatLandsOnACancelledOrderIsRefundedKeepingTheCancellation() {
		Order order = pending();
		order.cancel("payment not taken", NOW);
		order.refunded("sim-1", "refund-sim-1", "refunded: the order could not be completed", NOW);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.snapshot().cancelReason()).isEqualTo("payment not taken");
		assertThat(order.refundReference()).isEqualTo("refund-sim-1");
	}

	@Test
	void unknownIsNeverFailed_theResolutionAsksForAVoidFirst() {
		assertThat(PaymentResolution.next(OrderStatus.PAYMENT_PENDING, false, State.NONE)).isEqualTo(PaymentResolution.VOID);
		assertThat(PaymentResolution.next(OrderStatus.PAYMENT_PENDING, false, State.VOIDED)).isEqualTo(PaymentResolution.CANCEL);
		assertThat(PaymentResolution.next(OrderStatus.PAYMENT_PENDING, false, State.CHARGED)).isEqualTo(PaymentResolution.COMPLETE);
		assertThat(PaymentResolution.next(OrderStatus.PAYMENT_PENDING, false, State.REFUNDED)).isEqualTo(PaymentResolution.REFUND);
	}

	@Test
	void noChargeStaysWithoutACompletedOrder() {
		assertThat(PaymentResolution.next(OrderStatus.CANCELLED, false, State.CHARGED)).isEqualTo(PaymentResolution.REFUND);
		assertThat(PaymentResolution.next(OrderStatus.CANCELLED, true, State.REFUNDED)).isEqualTo(PaymentResolution.NOTHING);
		assertThat(PaymentResolution.next(OrderStatus.CANCELLED, false, State.VOIDED)).isEqualTo(PaymentResolution.NOTHING);
		assertThat(PaymentResolution.next(OrderStatus.CANCELLED, false, State.NONE)).isEqualTo(PaymentResolution.NOTHING);
		for (State state : State.values()) {
			assertThat(PaymentResolution.next(OrderStatus.COMPLETED, false, state)).isEqualTo(PaymentResolution.NOTHING);
		}
	}
}
