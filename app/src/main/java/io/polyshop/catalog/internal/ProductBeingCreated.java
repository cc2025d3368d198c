package io.polyshop.catalog.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: an unpublished document holds the SKU: a create is in flight, or a failed one is not cleaned up yet. */
class ProductBeingCreated extends ErrorResponseException {

	ProductBeingCreated(String sku) {
		super(HttpStatus.CONFLICT, problem(sku), null);
	}

	private static ProblemDetail problem(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A product with SKU " + sku
				+ " is being created, or an earlier attempt failed half-way and is being cleaned up. Try again in a few minutes.");
		problem.setTitle("Product being created");
		return problem;
	}
}
