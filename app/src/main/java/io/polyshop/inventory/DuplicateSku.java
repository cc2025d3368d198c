package io.polyshop.inventory;

import io.polyshop.shared.Refusal;

/** The SKU is already in the inventory. */
public class DuplicateSku extends Refusal {

	public DuplicateSku(String sku) {
		super(Reason.CONFLICT, "Duplicate SKU", "A product with SKU " + sku + " already exists.");
	}
}
