package io.polyshop.checkout.internal;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The ways a checkout can be refused, each a problem+json with a detail the customer can act on. */
final class CheckoutProblems {

	private CheckoutProblems() {
	}

	static ErrorResponseException emptyCart() {
		return problem(HttpStatus.BAD_REQUEST, "Empty cart", "The cart is empty: there is nothing to check out.", null);
	}

	static ErrorResponseException missingIdempotencyKey() {
		return problem(HttpStatus.BAD_REQUEST, "Idempotency-Key required",
				"Send an Idempotency-Key header (1 to 100 letters, digits, '-', '_', '.' or ':') so a retried checkout never makes a second order.", null);
	}

	static ErrorResponseException invalidCard() {
		return problem(HttpStatus.BAD_REQUEST, "Invalid card number", "The card number is not valid (check digit mismatch).", null);
	}

	static ErrorResponseException mixedCurrencies() {
		return problem(HttpStatus.CONFLICT, "Mixed currencies",
				"The cart holds products priced in different currencies; check them out separately.", null);
	}

	static ErrorResponseException paymentDeclined(Order order, String reason) {
		return problem(HttpStatus.PAYMENT_REQUIRED, "Payment declined",
				reason + " The order was cancelled, its stock released, and your cart is unchanged.", order);
	}

	static ErrorResponseException paymentFailed(Order order, String reason) {
		return problem(HttpStatus.BAD_GATEWAY, "Payment failed",
				reason + " Nothing was charged; the order was cancelled, its stock released, and your cart is unchanged.", order);
	}

	static ErrorResponseException keyReusedWithAnotherRequest(java.util.UUID orderId) {
		ErrorResponseException e = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
				"This Idempotency-Key was already used for a different checkout request (order " + orderId
						+ "). Use a new key for a new checkout, or resend exactly the same request to get that order.", null);
		e.getBody().setProperty("orderId", orderId.toString());
		return e;
	}

	static ErrorResponseException cartAlreadyCheckedOut(java.util.UUID orderId) {
		ErrorResponseException e = problem(HttpStatus.CONFLICT, "Cart already checked out",
				"These cart contents are already being checked out, or were just bought, as order " + orderId
						+ " (another tab or device?). Reload the cart: once that order is done its lines leave the cart.", null);
		e.getBody().setProperty("orderId", orderId.toString());
		e.getBody().setInstance(URI.create("/api/orders/" + orderId));
		return e;
	}

	static ErrorResponseException refunded(Order order) {
		return problem(HttpStatus.CONFLICT, "Order could not be completed",
				"The payment was taken but the order could no longer be completed; the charge was refunded and the order cancelled.", order);
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail, Order order) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (order != null) {
			problem.setProperty("orderId", order.id().toString());
			problem.setInstance(URI.create("/api/orders/" + order.id()));
		}
		return new ErrorResponseException(status, problem, null);
	}
}
