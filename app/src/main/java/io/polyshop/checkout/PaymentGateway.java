package io.polyshop.checkout;

import io.polyshop.shared.Money;

/**
 * The port to whoever takes the money. The embedded default is a deterministic simulator; a real provider is
 * another implementation of this interface, declared as a bean. Everything is keyed by our order id, so every
 * call is idempotent: a charge retried for the same order is never taken twice, a refund never given twice.
 * <p>
 * A call that throws or times out has an <em>unknown</em> outcome: the money may or may not have moved.
 * Checkout never reads that as "failed"; it asks {@link #status} (or {@link #cancelUnlessCharged}) later.
 */
public interface PaymentGateway {

	/**
	 * Charges the card for the order, once: a second call for the same order answers the first charge's result.
	 * An order given up with {@link #cancelUnlessCharged} is declined.
	 *
	 * @throws RuntimeException when the provider cannot be reached or does not answer in time: outcome unknown
	 */
	PaymentResult charge(String orderId, Money amount, String cardNumber);

	/**
	 * What happened to the charge for the order, as the provider's own book has it.
	 *
	 * @throws RuntimeException when the provider cannot be reached: still unknown, ask again later
	 */
	ChargeStatus status(String orderId);

	/**
	 * Gives up on the order's charge: after this, no charge for the order can succeed. Answers the charge's final
	 * status: {@link ChargeStatus.State#CHARGED} if it had already been taken (then the order should complete, or be
	 * refunded), otherwise {@link ChargeStatus.State#VOIDED}. Idempotent.
	 */
	ChargeStatus cancelUnlessCharged(String orderId);

	/** Gives a taken charge back, once; answers the refund's reference. Idempotent. */
	String refund(String orderId);

	sealed interface PaymentResult {
	}

	record Approved(String reference) implements PaymentResult {
	}

	record Declined(String reason) implements PaymentResult {
	}

	/**
	 * @param state NONE: the provider never charged for this order (and may still, unless voided)
	 * @param reference the charge's reference when CHARGED or REFUNDED
	 */
	record ChargeStatus(State state, String reference) {

		public enum State {
			NONE, CHARGED, REFUNDED, VOIDED
		}

		public static ChargeStatus none() {
			return new ChargeStatus(State.NONE, null);
		}
	}
}
