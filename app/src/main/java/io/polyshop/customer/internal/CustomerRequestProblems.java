package io.polyshop.customer.internal;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import io.polyshop.shared.Problems;

/**
 * Bad input to the account endpoints, answered with a detail that names what is wrong (Spring Boot's generic
 * problem details only say "Invalid request content"). Never echoes a submitted value: it may be a password. An
 * unreadable body or an unknown field is answered for every module by io.polyshop.shared.
 */
@RestControllerAdvice(basePackageClasses = CustomerRequestProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerRequestProblems {

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalidFields(MethodArgumentNotValidException e) {
		return badRequest("Invalid fields", e.getBindingResult().getFieldErrors().stream()
				.map(error -> error.getField() + " " + error.getDefaultMessage()));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ProblemDetail invalidParameters(HandlerMethodValidationException e) {
		return badRequest("Invalid fields", e.getAllErrors().stream().map(error -> error instanceof FieldError field
				? field.getField() + " " + field.getDefaultMessage() : String.valueOf(error.getDefaultMessage())));
	}

	private static ProblemDetail badRequest(String title, Stream<String> errors) {
		return Problems.problem(HttpStatus.BAD_REQUEST, title, errors.sorted().collect(Collectors.joining("; ")));
	}
}
