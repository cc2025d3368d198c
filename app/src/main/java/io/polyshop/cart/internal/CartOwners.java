package io.polyshop.cart.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.polyshop.cart.CartOwner;
import io.polyshop.customer.CurrentCustomer;

/**
 * Whose cart a request may touch: the signed-in customer's, or else the one bound to the caller's own session.
 * Nothing in a path or body names a cart, so no request can reach anyone else's.
 */
@Component
class CartOwners {

	private final CurrentCustomer currentCustomer;

	CartOwners(CurrentCustomer currentCustomer) {
		this.currentCustomer = currentCustomer;
	}

	CartOwner of(HttpServletRequest request) {
		return currentCustomer.current()
				.map(customer -> CartOwner.customer(customer.id()))
				.orElseGet(() -> CartOwner.session(request.getSession(true).getId()));
	}
}
