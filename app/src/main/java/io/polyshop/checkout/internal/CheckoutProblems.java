package io.polyshop.checkout.internal;

import java.util.UUID;

import io.polyshop.shared.Refusal;
import io.polyshop.shared.Refusal.Reason;

/** The ways a checkout can be refused, each with a detail the customer can act on. */
final class CheckoutProblems {

	private CheckoutProblems() {
	}

	static Refusal emptyCart() {
		return new Refusal(Reason.INVALID, "Empty cart", "The cart is empty: there is nothing to check out.");
	}

	static Refusal missingIdempotencyKey() {
		return new Refusal(Reason.INVALID, "Idempotency-Key required",
				"Send an Idempotency-Key header (1 to 100 letters, digits, '-', '_', '.' or ':') so a retried checkout never makes a second order.");
	}

	static Refusal invalidCard() {
		return new Refusal(Reason.INVALID, "Invalid card number", "The card number is not valid (check digit mismatch).");
	}

	static Refusal mixedCurrencies() {
		return new Refusal(Reason.CONFLICT, "Mixed currencies",
				"The cart holds products priced in different currencies; check them out separately.");
	}

	static Refusal paymentDeclined(Order order, String reason) {
		return aboutOrder(new Refusal(Reason.PAYMENT_DECLINED, "Payment declined",
				reason + " The order was cancelled, its stock released, and your cart is unchanged."), order.id());
	}

	static Refusal paymentFailed(Order order, String reason) {
		return aboutOrder(new Refusal(Reason.PAYMENT_FAILED, "Payment failed",
				reason + " Nothing was charged; the order was cancelled, its stock released, and your cart is unchanged."), order.id());
	}

	static Refusal keyReusedWithAnotherRequest(UUID orderId) {
		return new Refusal(Reason.UNPROCESSABLE, "Idempotency-Key reused",
				"This Idempotency-Key was already used for a different checkout request (order " + orderId
						+ "). Use a new key for a new checkout, or resend exactly the same request to get that order.")
			.with("orderId", orderId.toString());
	}

	static Refusal cartAlreadyCheckedOut(UUID orderId) {
		return aboutOrder(new Refusal(Reason.CONFLICT, "Cart already checked out",
				"These cart contents are already being checked out, or were just bought, as order " + orderId
						+ " (another tab or device?). Reload the cart: once that order is done its lines leave the cart."), orderId);
	}

	static Refusal refunded(Order order) {
		return aboutOrder(new Refusal(Reason.CONFLICT, "Order could not be completed",
				"The payment was taken but the order could no longer be completed; the charge was refunded and the order cancelled."), order.id());
	}

	private static Refusal aboutOrder(Refusal refusal, UUID orderId) {
		return refusal.with("orderId", orderId.toString()).about("/api/orders/" + orderId);
	}
}
