package io.polyshop.catalog.internal;

import io.polyshop.shared.Refusal;

/** A search parameter the catalog will not run. */
class InvalidProductQuery extends Refusal {

	InvalidProductQuery(String detail) {
		super(Reason.INVALID, "Invalid product query", detail);
	}
}
