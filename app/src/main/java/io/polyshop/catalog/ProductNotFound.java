package io.polyshop.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no published product has that SKU. */
public class ProductNotFound extends ErrorResponseException {

	public ProductNotFound(String sku) {
		super(HttpStatus.NOT_FOUND, problem(sku), null);
	}

	private static ProblemDetail problem(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no product with SKU " + sku + ".");
		problem.setTitle("Product not found");
		return problem;
	}
}
