package io.polyshop.inventory;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A reservation that could not be served in full: 409, naming every SKU that is short. Thrown inside the
 * reserving transaction, so nothing of the reservation stays.
 */
public class InsufficientStock extends ErrorResponseException {

	private final List<String> skus;

	public InsufficientStock(List<String> skus) {
		super(HttpStatus.CONFLICT, problem(skus), null);
		this.skus = List.copyOf(skus);
	}

	/** The SKUs that do not have enough units, in SKU order. */
	public List<String> skus() {
		return skus;
	}

	private static ProblemDetail problem(List<String> skus) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Not enough stock for: " + String.join(", ", skus) + ".");
		problem.setTitle("Insufficient stock");
		problem.setProperty("skus", List.copyOf(skus));
		return problem;
	}
}
