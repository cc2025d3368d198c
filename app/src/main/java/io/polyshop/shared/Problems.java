package io.polyshop.shared;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where a {@link Refusal} becomes problem+json: its reason picks the status, its message is the
 * detail, its properties, instance and retry-after go into the answer. Filters that answer before Spring MVC
 * (rate limits, security, body size) build their problem with {@link #problem} so every answer has one shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class Problems {

	public static HttpStatus status(Refusal.Reason reason) {
		return switch (reason) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
			case PAYMENT_DECLINED -> HttpStatus.PAYMENT_REQUIRED;
			case PAYMENT_FAILED -> HttpStatus.BAD_GATEWAY;
			case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
		};
	}

	/** A problem with a status, a title (null: the status's reason phrase) and a detail. */
	public static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (title != null) {
			problem.setTitle(title);
		}
		return problem;
	}

	/** The answer to a refusal; {@link RetryAfterUnavailable} adds Retry-After to a 503 that has none. */
	public static ResponseEntity<ProblemDetail> answer(Refusal refusal) {
		HttpStatus status = status(refusal.reason());
		ProblemDetail problem = problem(status, refusal.title(), refusal.detail());
		refusal.properties().forEach(problem::setProperty);
		if (refusal.instance() != null) {
			problem.setInstance(URI.create(refusal.instance()));
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
		if (refusal.retryAfter() != null) {
			answer.header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfter().toSeconds()));
		}
		return answer.body(problem);
	}

	@ExceptionHandler(Refusal.class)
	ResponseEntity<ProblemDetail> refused(Refusal refusal) {
		return answer(refusal);
	}
}
