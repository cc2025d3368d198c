package io.polyshop.shared;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every 503 problem (a module's own, such as "social graph unavailable", or {@link UnhandledProblems}'s) tells the
 * client when to try again, unless it already says so.
 */
@RestControllerAdvice
class RetryAfterUnavailable implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()
				&& !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, StoreOutages.RETRY_AFTER_SECONDS);
		}
		return body;
	}
}
