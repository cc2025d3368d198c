package io.polyshop.catalog.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 503: the inventory has the product, the document store did not take the publication; the cleanup finishes it. */
class ProductNotYetPublished extends ErrorResponseException {

	ProductNotYetPublished(String sku) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(sku), null);
	}

	private static ProblemDetail problem(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Product " + sku
				+ " is stored in the inventory, but the document store did not answer when publishing it. It will be"
				+ " published automatically within a few minutes once the document store answers again.");
		problem.setTitle("Product not yet published");
		return problem;
	}
}
