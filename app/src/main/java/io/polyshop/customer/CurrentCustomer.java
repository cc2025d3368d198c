package io.polyshop.customer;

import java.util.Optional;

/** The customer behind the current request, for modules whose endpoints also serve anonymous visitors. */
public interface CurrentCustomer {

	/** The signed-in customer, or empty for an anonymous request. */
	Optional<SignedInCustomer> current();
}
