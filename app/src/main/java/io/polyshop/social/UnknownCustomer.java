package io.polyshop.social;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No customer with this id is known to the social graph. */
public class UnknownCustomer extends ErrorResponseException {

	public UnknownCustomer(String customerId) {
		super(HttpStatus.NOT_FOUND, problem(customerId), null);
	}

	private static ProblemDetail problem(String customerId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no customer with id '%s'."
				.formatted(customerId.length() > 100 ? customerId.substring(0, 100) + "…" : customerId));
		problem.setTitle("Unknown customer");
		return problem;
	}
}
