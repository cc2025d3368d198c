package io.polyshop.customer.internal;

import io.polyshop.shared.Refusal;

/** A request about an account that cannot be honoured, with a detail for the client. */
class CustomerProblem extends Refusal {

	private CustomerProblem(Reason reason, String title, String detail) {
		super(reason, title, detail);
	}

	static CustomerProblem emailTaken(String email) {
		return new CustomerProblem(Reason.CONFLICT, "Email already registered",
				"An account with the email " + email + " already exists. Sign in instead.");
	}

	static CustomerProblem unknownReferralCode(String code) {
		return new CustomerProblem(Reason.INVALID, "Unknown referral code",
				"No customer has the referral code '" + code + "'. Check it, or register without one.");
	}

	static CustomerProblem weakPassword(String reason) {
		return new CustomerProblem(Reason.INVALID, "Weak password", reason);
	}

	static CustomerProblem wrongCurrentPassword() {
		return new CustomerProblem(Reason.INVALID, null, "The current password is not right.");
	}

	static CustomerProblem accountGone() {
		return new CustomerProblem(Reason.NOT_FOUND, null, "This account no longer exists.");
	}

	/** As {@link RateLimitedRequests} answers it for the limits it applies itself. */
	static CustomerProblem tooManyRequests(java.time.Duration retryAfter) {
		var problem = new CustomerProblem(Reason.TOO_MANY_REQUESTS, "Too many requests",
				"Too many requests of this kind. Try again in " + retryAfter.toSeconds() + " seconds.");
		problem.retryingAfter(retryAfter);
		return problem;
	}
}
