package io.polyshop.checkout.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.polyshop.checkout.PaymentGateway;
import io.polyshop.shared.Money;

/**
 * The embedded default payment provider: deterministic, by test card number (as in the API contract).
 * 4242424242424242 approves, 4000000000000002 declines, 4000000000000119 fails like a gateway error or time-out;
 * any other valid card number approves.
 */
@Component
// chosen explicitly, or the default when nothing is configured (PaymentModeConfiguration refuses that with an external store)
@ConditionalOnExpression("'${polyshop.payment.gateway:}'.isBlank() or '${polyshop.payment.gateway:}'.strip() == 'simulator'")
class SimulatedPaymentGateway implements PaymentGateway {

	static final String DECLINED_CARD = "4000000000000002";
	static final String GATEWAY_ERROR_CARD = "4000000000000119";

	@Override
	public PaymentResult charge(String orderId, Money amount, String cardNumber) {
		return switch (cardNumber) {
			case DECLINED_CARD -> new Declined("The card was declined by its issuer.");
			case GATEWAY_ERROR_CARD -> new Failed("The payment provider did not answer.");
			default -> new Approved("sim-" + orderId);
		};
	}
}
