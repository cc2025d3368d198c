package io.polyshop.search.internal;

import io.polyshop.shared.Refusal;

/** A search the index will not run, with the reason a client can act on. */
class InvalidSearch extends Refusal {

	InvalidSearch(String reason) {
		super(Reason.INVALID, "Invalid search", reason);
	}
}
