package io.polyshop.customer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import io.polyshop.shared.Problems;

/**
 * Where {@link RateLimits} apply, as two filters of the security chain; over a limit the answer is 429
 * problem+json with {@code Retry-After}. The client address is the connection's peer: {@code X-Forwarded-For} is
 * trusted only when the operator says so ({@code server.forward-headers-strategy}), or anyone could pick theirs.
 */
final class RateLimitedRequests {

	private static final RequestMatcher SIGN_IN_FORM = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");
	private static final RequestMatcher TOKEN = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/auth/token");
	private static final RequestMatcher REGISTRATION = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/customers");
	private static final RequestMatcher SEARCH = new OrRequestMatcher(
			PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/api/products"),
			PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/api/search"));
	private static final RequestMatcher CART = PathPatternRequestMatcher.pathPattern("/api/cart/**");
	private static final RequestMatcher CHECKOUT = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/checkout");

	private final RateLimits limits;
	private final JsonMapper json;

	RateLimitedRequests(RateLimits limits, JsonMapper json) {
		this.limits = limits;
		this.json = json;
	}

	/**
	 * Before any authentication: password attempts (form sign-in and token issuance count every attempt; HTTP
	 * Basic counts its failures, since a client that knows its password sends it on every request), registration.
	 * The three ways of guessing a password share one bucket per account and one per address, so switching
	 * between them gains an attacker nothing.
	 */
	OncePerRequestFilter beforeAuthentication() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String address = request.getRemoteAddr();
				String basicAccount = basicAccount(request);
				Optional<Duration> refused = Optional.empty();
				if (SIGN_IN_FORM.matches(request)) {
					refused = first(limits.tryTake(limits.passwordAttemptsPerAddress, address),
							limits.tryTake(limits.passwordAttemptsPerAccount, request.getParameter("username")));
				}
				else if (TOKEN.matches(request)) {
					// an account named in a JSON body is counted by TokenController, which reads the body
					refused = first(limits.tryTake(limits.passwordAttemptsPerAddress, address),
							limits.tryTake(limits.passwordAttemptsPerAccount, basicAccount));
				}
				else if (basicAccount != null) {
					refused = first(limits.exhausted(limits.passwordAttemptsPerAddress, address),
							limits.exhausted(limits.passwordAttemptsPerAccount, basicAccount));
				}
				else if (REGISTRATION.matches(request)) {
					refused = limits.tryTake(limits.registrationsPerAddress, address);
				}
				if (refused.isPresent()) {
					tooManyRequests(request, response, refused.get());
					return;
				}
				chain.doFilter(request, response);
				if (basicAccount != null && !TOKEN.matches(request) && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
					// a failed Basic sign-in: it counts against the account and the address
					limits.tryTake(limits.passwordAttemptsPerAddress, address);
					limits.tryTake(limits.passwordAttemptsPerAccount, basicAccount);
				}
			}
		};
	}

	/** After authorization, when the caller is known: checkout per customer; search and new anonymous carts per address. */
	OncePerRequestFilter afterAuthorization() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Optional<Duration> refused = Optional.empty();
				String customer = customerId();
				if (CHECKOUT.matches(request)) {
					refused = limits.tryTake(limits.checkoutsPerCustomer, customer);
				}
				else if (SEARCH.matches(request)) {
					refused = limits.tryTake(limits.searchesPerAddress, request.getRemoteAddr());
				}
				else if (CART.matches(request) && customer == null && !request.isRequestedSessionIdValid()) {
					// no customer and no session yet: this request starts a new anonymous cart
					refused = limits.tryTake(limits.anonymousCartsPerAddress, request.getRemoteAddr());
				}
				if (refused.isPresent()) {
					tooManyRequests(request, response, refused.get());
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	private static String customerId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !(authentication.getPrincipal() instanceof CustomerPrincipal principal) ? null : principal.customer().id();
	}

	@SafeVarargs
	private static Optional<Duration> first(Optional<Duration>... results) {
		for (Optional<Duration> result : results) {
			if (result.isPresent()) {
				return result;
			}
		}
		return Optional.empty();
	}

	/** The account named by an {@code Authorization: Basic} header, or null (never the password). */
	static String basicAccount(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon < 0 ? null : decoded.substring(0, colon).strip();
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException {
		// filters answer before Spring MVC: the same refusal as TokenController's, written by hand
		ResponseEntity<ProblemDetail> answer = Problems.answer(CustomerProblem.tooManyRequests(retryAfter));
		response.setStatus(answer.getStatusCode().value());
		answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), answer.getBody());
	}
}
