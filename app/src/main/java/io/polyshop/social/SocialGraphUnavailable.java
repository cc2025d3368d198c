package io.polyshop.social;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Neo4j did not answer: a 503 that says nothing was changed, so the client knows to retry rather than assume. */
public class SocialGraphUnavailable extends ErrorResponseException {

	public SocialGraphUnavailable(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The social graph is temporarily unavailable; nothing was changed. Please try again shortly.");
		problem.setTitle("Social graph unavailable");
		return problem;
	}
}
