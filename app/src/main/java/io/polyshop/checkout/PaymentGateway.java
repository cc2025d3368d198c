package io.polyshop.checkout;

import io.polyshop.shared.Money;

/**
 * The port to whoever takes the money. The embedded default is a deterministic simulator; a real provider is
 * another implementation of this interface, declared as a bean. Charges are keyed by order id, so a retried
 * charge for the same order is never taken twice by a provider that honours idempotency keys.
 */
public interface PaymentGateway {

	PaymentResult charge(String orderId, Money amount, String cardNumber);

	sealed interface PaymentResult {
	}

	record Approved(String reference) implements PaymentResult {
	}

	record Declined(String reason) implements PaymentResult {
	}

	/** The gateway failed or did not answer in time: the money was not taken. */
	record Failed(String reason) implements PaymentResult {
	}
}
