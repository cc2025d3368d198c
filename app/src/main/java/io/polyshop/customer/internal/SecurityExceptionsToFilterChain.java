package io.polyshop.customer.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Authentication and access-denied exceptions thrown inside controllers (method security, a missing
 * {@code SignedInCustomer}) go back to Spring Security's filter chain rather than to the catch-all 500 of
 * {@code UnhandledProblems}: there an anonymous caller gets the 401 (with {@code WWW-Authenticate}) and a
 * signed-in one the 403, both as problem+json.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityExceptionsToFilterChain {

	@ExceptionHandler({ AuthenticationException.class, AccessDeniedException.class })
	void rethrow(RuntimeException e) {
		throw e;
	}
}
