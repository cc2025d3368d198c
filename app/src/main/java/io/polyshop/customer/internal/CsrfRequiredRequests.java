package io.polyshop.customer.internal;

import java.util.Set;

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
 * <li>is signed in through its session, whatever else it brings (HTTP Basic included).</li>
 * </ul>
 * API clients without a session (HTTP Basic, bearer tokens), and anonymous calls (registration, an anonymous cart
 * bound to a session), need no token. {@code CsrfFilter} runs before the Basic filter, so the authentication seen here can only
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
		// Credentials in an Authorization header do not exempt a request that also rides on a signed-in session: a
		// browser replays Basic credentials it once saw by itself, so a forged request can carry both.
		Authentication fromSession = SecurityContextHolder.getContext().getAuthentication();
		return fromSession != null && fromSession.isAuthenticated() && !(fromSession instanceof AnonymousAuthenticationToken);
	}
}
