package io.polyshop.shared;

import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body that cannot be read: 400 problem+json saying what is wrong. An unknown field is named together
 * with the fields the endpoint takes; anything else gets a general detail. Never echoes a submitted value: it may
 * be a password or a card number.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class UnreadableRequestBodies {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException e) {
		if (e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
			String field = fieldPath(unknown);
			ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "Unknown field", "'%s' is not a field of this request; it takes %s."
					.formatted(field, unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
							.collect(Collectors.joining(", "))));
			problem.setProperty("field", field);
			return problem;
		}
		return Problems.problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The request body is not valid JSON of the expected shape.");
	}

	/** Where in the body the field sits: {@code price.discount}, {@code lines[2].owner}. */
	private static String fieldPath(UnrecognizedPropertyException unknown) {
		StringBuilder path = new StringBuilder();
		for (var step : unknown.getPath()) {
			if (step.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
			}
			else if (step.getIndex() >= 0) {
				path.append('[').append(step.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? String.valueOf(unknown.getPropertyName()) : path.toString();
	}
}
