package io.polyshop.inventory;

import java.util.List;

import io.polyshop.shared.Refusal;

/**
 * A reservation that could not be served in full, naming every SKU that is short. Thrown inside the
 * reserving transaction, so nothing of the reservation stays.
 */
public class InsufficientStock extends Refusal {

	private final List<String> skus;

	public InsufficientStock(List<String> skus) {
		super(Reason.CONFLICT, "Insufficient stock", "Not enough stock for: " + String.join(", ", skus) + ".");
		this.skus = List.copyOf(skus);
		with("skus", this.skus);
	}

	/** The SKUs that do not have enough units, in SKU order. */
	public List<String> skus() {
		return skus;
	}
}
