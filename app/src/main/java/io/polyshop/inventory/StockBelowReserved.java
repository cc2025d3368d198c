package io.polyshop.inventory;

import io.polyshop.shared.Refusal;

/** Stock on hand cannot be set below the units that open orders hold. */
public class StockBelowReserved extends Refusal {

	public StockBelowReserved(String sku, int onHand, int reserved) {
		super(Reason.CONFLICT, "Stock below reserved units", "Cannot set " + sku + " to " + onHand + " on hand: open orders hold "
				+ reserved + " units of it. Set at least " + reserved + ", or wait for those orders to complete or be cancelled.");
		with("reserved", reserved);
	}
}
