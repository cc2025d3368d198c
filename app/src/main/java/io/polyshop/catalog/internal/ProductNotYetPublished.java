package io.polyshop.catalog.internal;

import io.polyshop.shared.Refusal;

/** The inventory has the product, the document store did not take the publication; the cleanup finishes it. */
class ProductNotYetPublished extends Refusal {

	ProductNotYetPublished(String sku) {
		super(Reason.UNAVAILABLE, "Product not yet published", "Product " + sku
				+ " is stored in the inventory, but the document store did not answer when publishing it. It will be"
				+ " published automatically within a few minutes once the document store answers again.");
	}
}
