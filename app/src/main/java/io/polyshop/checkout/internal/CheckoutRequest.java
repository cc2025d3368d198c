package io.polyshop.checkout.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.polyshop.checkout.ShippingAddress;

/** The body of {@code POST /api/checkout}. Prices and quantities never come from the client: they come from the cart and inventory. */
record CheckoutRequest(@NotNull @Valid ShippingAddress shippingAddress, @NotNull @Valid PaymentDetails payment) {

	/**
	 * A hash of everything the request says, kept with its Idempotency-Key so that the same key with another body
	 * is recognised. Salted with the customer and key, so the stored value (which covers the card number) cannot be
	 * looked up in a table precomputed for all requests; it expires with the key.
	 */
	String hash(String customerId, String idempotencyKey) {
		ShippingAddress a = shippingAddress;
		String canonical = String.join("\u0000", customerId, idempotencyKey, a.name(), a.line1(), a.city(), a.postalCode(),
				a.country(), payment.cardNumber());
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every JVM has SHA-256
		}
	}

	record PaymentDetails(@NotNull @Pattern(regexp = "[0-9]{12,19}", message = "12 to 19 digits") String cardNumber) {

		String last4() {
			return cardNumber.substring(cardNumber.length() - 4);
		}
	}
}
