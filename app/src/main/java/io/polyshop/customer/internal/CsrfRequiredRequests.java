package io.polyshop.customer.internal;

import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests must carry a CSRF token. A forged request rides on credentials the browser adds by itself,
 * and here that is only the session cookie of a signed-in customer. So a token is required for a request that
 * changes something (not GET, HEAD, OPTIONS, TRACE) and either
 * <ul>
 * <li>is the sign-in form ({@code POST /login}), so no site can sign a visitor into an account of its choosing, or</li>
 * <li>is signed in through its session and brings no HTTP Basic credentials.</li>
 * </ul>
 * API clients that send HTTP Basic, and anonymous calls (registration, an anonymous cart bound to a session),
 * need no token. {@code CsrfFilter} runs before the Basic filter, so the authentication seen here can only
 * come from the session.
 */
final class CsrfRequiredRequests implements RequestMatcher {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
	private static final RequestMatcher SIGN_IN_FORM = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");

	@Override
	public boolean matches(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod())) {
			return false;
		}
		if (SIGN_IN_FORM.matches(request)) {
			return true;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		Authentication fromSession = SecurityContextHolder.getContext().getAuthentication();
		return fromSession != null && fromSession.isAuthenticated() && !(fromSession instanceof AnonymousAuthenticationToken);
	}
}
