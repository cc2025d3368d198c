package io.polyshop.catalog;

import io.polyshop.shared.Refusal;

/** No published product has that SKU. */
public class ProductNotFound extends Refusal {

	public ProductNotFound(String sku) {
		super(Reason.NOT_FOUND, "Product not found", "There is no product with SKU " + sku + ".");
	}
}
