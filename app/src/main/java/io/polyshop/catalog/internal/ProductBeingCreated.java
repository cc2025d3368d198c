package io.polyshop.catalog.internal;

import io.polyshop.shared.Refusal;

/** An unpublished document holds the SKU: a create is in flight, or a failed one is not cleaned up yet. */
class ProductBeingCreated extends Refusal {

	ProductBeingCreated(String sku) {
		super(Reason.CONFLICT, "Product being created", "A product with SKU " + sku
				+ " is being created, or an earlier attempt failed half-way and is being cleaned up. Try again in a few minutes.");
	}
}
