package io.polyshop.checkout.internal;

import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.PaymentGateway.ChargeStatus;

/**
 * What to do with an order given what the payment provider says about its charge: the rule shared by checkout,
 * a retried checkout and the in-doubt resolver. Pure, so it is unit-tested without Spring.
 */
enum PaymentResolution {

	/** Charged and still pending: complete the order (or refund it if it can no longer be fulfilled). */
	COMPLETE,
	/** Never charged and the provider promised it never will: cancel, stock back. */
	CANCEL,
	/** No charge yet but one may still come: make the provider refuse it, then decide again. */
	VOID,
	/** Money taken for an order that will not complete: give it back and record it. */
	REFUND,
	/** Nothing left to do. */
	NOTHING;

	static PaymentResolution next(OrderStatus order, boolean refundRecorded, ChargeStatus.State charge) {
		return switch (order) {
			case PAYMENT_PENDING -> switch (charge) {
				case CHARGED -> COMPLETE;
				case REFUNDED -> REFUND; // refunded at the provider already: record it, cancel
				case VOIDED -> CANCEL;
				case NONE -> VOID;
			};
			case CANCELLED -> (charge == ChargeStatus.State.CHARGED || charge == ChargeStatus.State.REFUNDED) && !refundRecorded
					? REFUND : NOTHING;
			// PAID never outlives its transaction; COMPLETED is final
			case PAID, COMPLETED -> NOTHING;
		};
	}
}
