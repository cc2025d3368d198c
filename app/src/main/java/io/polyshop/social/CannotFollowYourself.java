package io.polyshop.social;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A customer tried to follow themselves. */
public class CannotFollowYourself extends ErrorResponseException {

	public CannotFollowYourself() {
		super(HttpStatus.BAD_REQUEST, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "You cannot follow yourself.");
		problem.setTitle("Cannot follow yourself");
		return problem;
	}
}
