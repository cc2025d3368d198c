package io.polyshop.checkout.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.polyshop.checkout.ShippingAddress;

/** The body of {@code POST /api/checkout}. Prices and quantities never come from the client: they come from the cart and inventory. */
record CheckoutRequest(@NotNull @Valid ShippingAddress shippingAddress, @NotNull @Valid PaymentDetails payment) {

	record PaymentDetails(@NotNull @Pattern(regexp = "[0-9]{12,19}", message = "12 to 19 digits") String cardNumber) {

		String last4() {
			return cardNumber.substring(cardNumber.length() - 4);
		}
	}
}
