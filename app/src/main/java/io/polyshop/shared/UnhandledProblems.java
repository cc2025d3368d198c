package io.polyshop.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last word on errors no module handled: a problem+json with a useful detail and no stack trace or driver
 * message. A store that does not answer is a 503 with {@code Retry-After} (see {@link StoreOutages}); anything else
 * is logged and a 500. Spring MVC's own exceptions (bad JSON, validation, 404, 405...) are answered by Spring Boot's
 * problem details handler ({@code spring.mvc.problemdetails.enabled}), which runs before this one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnhandledProblems {

	private static final Logger log = LoggerFactory.getLogger(UnhandledProblems.class);

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (StoreOutages.causedBy(e)) {
			log.warn("A store did not answer: {}", e.toString());
			ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
					"A data store is temporarily unavailable. Please try again shortly.");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, StoreOutages.RETRY_AFTER_SECONDS).body(problem);
		}
		log.error("Unhandled error", e);
		ProblemDetail problem = Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side. It has been logged.");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
	}
}
