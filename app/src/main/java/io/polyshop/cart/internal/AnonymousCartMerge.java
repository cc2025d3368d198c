package io.polyshop.cart.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.cart.CartOwner;
import io.polyshop.customer.CustomerSignedIn;

/** The cart a visitor filled before signing in follows them into their account. */
@Component
class AnonymousCartMerge {

	private final RedisCarts carts;

	AnonymousCartMerge(RedisCarts carts) {
		this.carts = carts;
	}

	@ApplicationModuleListener
	void on(CustomerSignedIn signIn) {
		if (signIn.previousSessionId() != null) {
			carts.merge(CartOwner.session(signIn.previousSessionId()), CartOwner.customer(signIn.customerId()));
		}
	}
}
