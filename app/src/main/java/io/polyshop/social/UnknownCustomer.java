package io.polyshop.social;

import io.polyshop.shared.Refusal;

/** No customer with this id is known to the social graph. */
public class UnknownCustomer extends Refusal {

	public UnknownCustomer(String customerId) {
		super(Reason.NOT_FOUND, "Unknown customer", "There is no customer with id '%s'."
				.formatted(customerId.length() > 100 ? customerId.substring(0, 100) + "…" : customerId));
	}
}
