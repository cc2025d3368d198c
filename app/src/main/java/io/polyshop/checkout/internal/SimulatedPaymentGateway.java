package io.polyshop.checkout.internal;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.PaymentGateway;
import io.polyshop.checkout.PaymentGateway.ChargeStatus.State;
import io.polyshop.shared.Money;

/**
 * The embedded default payment provider: deterministic, by test card number. It keeps its own book of charges
 * and refunds ({@code simulated_payments} in PostgreSQL, so it survives restarts as a real provider's would),
 * one row per order, which is what makes every call idempotent by order id:
 * <ul>
 * <li>{@value #DECLINED_CARD} declines;</li>
 * <li>{@value #UNREACHABLE_CARD}: the provider cannot be reached, nothing is charged (outcome unknown to us);</li>
 * <li>{@value #CHARGED_THEN_TIMEOUT_CARD}: the card is charged, then the answer is lost (time-out): outcome unknown
 * to us, though the book says charged;</li>
 * <li>any other valid card number (4242424242424242) approves.</li>
 * </ul>
 * The book is in our own database only because this is a simulator; the checkout never reads it directly.
 */
@Component
@ConditionalOnProperty(name = "polyshop.payment.gateway", havingValue = "simulator", matchIfMissing = true)
class SimulatedPaymentGateway implements PaymentGateway {

	static final String DECLINED_CARD = "4000000000000002";
	static final String UNREACHABLE_CARD = "4000000000000119";
	static final String CHARGED_THEN_TIMEOUT_CARD = "4000000000000259";

	private final JdbcClient jdbc;

	SimulatedPaymentGateway(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public PaymentResult charge(String orderId, Money amount, String cardNumber) {
		if (UNREACHABLE_CARD.equals(cardNumber)) {
			throw new PaymentProviderUnreachable("The payment provider could not be reached.");
		}
		if (DECLINED_CARD.equals(cardNumber)) {
			return new Declined("The card was declined by its issuer.");
		}
		// one row per order: a second charge for it finds the first (or the void) instead of charging again
		int charged = jdbc.sql("""
				INSERT INTO simulated_payments (order_id, state, amount, currency, card_last4, reference, charged_at)
				VALUES (?, 'CHARGED', ?, ?, ?, ?, now()) ON CONFLICT (order_id) DO NOTHING""")
				.params(orderId, amount.amount(), amount.currency(), cardNumber.substring(cardNumber.length() - 4), "sim-" + orderId)
				.update();
		ChargeStatus status = charged == 1 ? new ChargeStatus(State.CHARGED, "sim-" + orderId) : status(orderId);
		if (status.state() == State.VOIDED) {
			return new Declined("The payment for this order was cancelled.");
		}
		if (CHARGED_THEN_TIMEOUT_CARD.equals(cardNumber)) {
			throw new PaymentProviderUnreachable("The payment provider did not answer in time.");
		}
		return new Approved(status.reference());
	}

	@Override
	public ChargeStatus status(String orderId) {
		return find(orderId).orElse(ChargeStatus.none());
	}

	@Override
	public ChargeStatus cancelUnlessCharged(String orderId) {
		// the void row and a charge compete for the same primary key: whichever commits first wins, atomically
		jdbc.sql("INSERT INTO simulated_payments (order_id, state, voided_at) VALUES (?, 'VOIDED', now()) ON CONFLICT (order_id) DO NOTHING")
				.param(orderId).update();
		return status(orderId);
	}

	@Override
	public String refund(String orderId) {
		jdbc.sql("UPDATE simulated_payments SET state = 'REFUNDED', refunded_at = now(), updated_at = now() WHERE order_id = ? AND state = 'CHARGED'")
				.param(orderId).update();
		ChargeStatus status = status(orderId);
		if (status.state() != State.REFUNDED) {
			throw new IllegalStateException("Order " + orderId + " has no charge to refund: " + status.state());
		}
		return "refund-" + status.reference();
	}

	private Optional<ChargeStatus> find(String orderId) {
		return jdbc.sql("SELECT state, reference FROM simulated_payments WHERE order_id = ?").param(orderId)
				.query((rs, n) -> new ChargeStatus(State.valueOf(rs.getString("state")), rs.getString("reference"))).optional();
	}

	/** The provider did not answer: whether it charged is unknown. */
	static class PaymentProviderUnreachable extends RuntimeException {

		PaymentProviderUnreachable(String message) {
			super(message);
		}
	}
}
