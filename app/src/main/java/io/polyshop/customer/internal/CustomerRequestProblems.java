package io.polyshop.customer.internal;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Bad input to the account endpoints, answered with a detail that names what is wrong (Spring Boot's generic
 * problem details only say "Invalid request content"). Never echoes a submitted value: it may be a password.
 */
@RestControllerAdvice(basePackageClasses = CustomerRequestProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerRequestProblems {

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalidFields(MethodArgumentNotValidException e) {
		return badRequest("Invalid fields", e.getBindingResult().getFieldErrors().stream()
				.map(error -> fieldName(error) + " " + error.getDefaultMessage()));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ProblemDetail invalidParameters(HandlerMethodValidationException e) {
		return badRequest("Invalid fields", e.getAllErrors().stream().map(error -> error instanceof FieldError field
				? fieldName(field) + " " + field.getDefaultMessage() : String.valueOf(error.getDefaultMessage())));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON of the expected shape.");
		problem.setTitle("Malformed request body");
		return problem;
	}

	private static String fieldName(FieldError error) {
		// the catch-all map of unknown fields is reported by the names of those fields
		return error.getField().equals("unknown") && error.getRejectedValue() instanceof java.util.Map<?, ?> unknown
				? String.join(", ", unknown.keySet().stream().map(String::valueOf).sorted().toList())
				: error.getField();
	}

	private static ProblemDetail badRequest(String title, Stream<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.sorted().collect(Collectors.joining("; ")));
		problem.setTitle(title);
		return problem;
	}
}
