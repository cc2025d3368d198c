package io.polyshop.inventory;

import io.polyshop.shared.Refusal;

/** The inventory has no such SKU. */
public class UnknownSku extends Refusal {

	public UnknownSku(String sku) {
		super(Reason.NOT_FOUND, "Unknown SKU", "There is no product with SKU " + sku + ".");
	}
}
