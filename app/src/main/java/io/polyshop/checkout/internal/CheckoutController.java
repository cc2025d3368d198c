package io.polyshop.checkout.internal;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.customer.SignedInCustomer;

@RestController
class CheckoutController {

	private final Checkout checkout;

	CheckoutController(Checkout checkout) {
		this.checkout = checkout;
	}

	/**
	 * 201 with the new order; 200 with the same order when the Idempotency-Key was seen before; 202 while the
	 * payment's outcome is unknown (the provider did not answer): retry with the same key, or read the order.
	 */
	@PostMapping("/api/checkout")
	ResponseEntity<CheckoutResult> checkout(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody CheckoutRequest request, SignedInCustomer customer) {
		CheckoutResult result = checkout.checkout(customer.id(), idempotencyKey, request);
		if ("PAYMENT_PENDING".equals(result.status())) {
			return ResponseEntity.accepted().location(URI.create("/api/orders/" + result.orderId())).body(result);
		}
		return result.created()
				? ResponseEntity.created(URI.create("/api/orders/" + result.orderId())).body(result)
				: ResponseEntity.ok(result);
	}
}
