package io.polyshop.inventory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: the SKU is already in the inventory. */
public class DuplicateSku extends ErrorResponseException {

	public DuplicateSku(String sku) {
		super(HttpStatus.CONFLICT, problem(sku), null);
	}

	private static ProblemDetail problem(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A product with SKU " + sku + " already exists.");
		problem.setTitle("Duplicate SKU");
		return problem;
	}
}
