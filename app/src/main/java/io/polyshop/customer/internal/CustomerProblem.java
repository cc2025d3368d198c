package io.polyshop.customer.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request about an account that cannot be honoured, answered as problem+json with a detail for the client. */
class CustomerProblem extends ErrorResponseException {

	private CustomerProblem(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	static CustomerProblem emailTaken(String email) {
		return new CustomerProblem(HttpStatus.CONFLICT, "Email already registered",
				"An account with the email " + email + " already exists. Sign in instead.");
	}

	static CustomerProblem unknownReferralCode(String code) {
		return new CustomerProblem(HttpStatus.BAD_REQUEST, "Unknown referral code",
				"No customer has the referral code '" + code + "'. Check it, or register without one.");
	}

	static CustomerProblem weakPassword(String reason) {
		return new CustomerProblem(HttpStatus.BAD_REQUEST, "Weak password", reason);
	}
}
