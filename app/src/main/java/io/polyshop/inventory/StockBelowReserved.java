package io.polyshop.inventory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: stock on hand cannot be set below the units that open orders hold. */
public class StockBelowReserved extends ErrorResponseException {

	public StockBelowReserved(String sku, int onHand, int reserved) {
		super(HttpStatus.CONFLICT, problem(sku, onHand, reserved), null);
	}

	private static ProblemDetail problem(String sku, int onHand, int reserved) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Cannot set " + sku + " to " + onHand
				+ " on hand: open orders hold " + reserved + " units of it. Set at least " + reserved + ", or wait for those orders to complete or be cancelled.");
		problem.setTitle("Stock below reserved units");
		problem.setProperty("reserved", reserved);
		return problem;
	}
}
