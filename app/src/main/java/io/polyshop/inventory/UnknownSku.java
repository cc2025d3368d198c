package io.polyshop.inventory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: the inventory has no such SKU. */
public class UnknownSku extends ErrorResponseException {

	public UnknownSku(String sku) {
		super(HttpStatus.NOT_FOUND, problem(sku), null);
	}

	private static ProblemDetail problem(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no product with SKU " + sku + ".");
		problem.setTitle("Unknown SKU");
		return problem;
	}
}
