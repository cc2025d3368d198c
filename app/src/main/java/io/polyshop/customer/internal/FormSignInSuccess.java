package io.polyshop.customer.internal;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After a form sign-in: announce it with the id of the session the browser came with, then go where the
 * visitor was headed (or {@code /api/me}). By now Spring Security has given the session a new id; the id the
 * session had before (the anonymous session, and its cart) was noted by {@link #previousSessionCapture()}.
 */
class FormSignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	/** The id of the session the server found for the sign-in request (never the raw cookie value a client sent). */
	static final String PREVIOUS_SESSION = FormSignInSuccess.class.getName() + ".previousSession";

	/**
	 * Runs before the sign-in form is processed and notes the server's session for the request, if any: the cart
	 * merge must start from a session the server knows, not from whatever id a cookie names.
	 */
	static OncePerRequestFilter previousSessionCapture() {
		RequestMatcher signInForm = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (signInForm.matches(request)) {
					HttpSession session = request.getSession(false);
					request.setAttribute(PREVIOUS_SESSION, session == null ? null : session.getId());
				}
				chain.doFilter(request, response);
			}
		};
	}

	private final SignIns signIns;

	FormSignInSuccess(SignIns signIns) {
		this.signIns = signIns;
		setDefaultTargetUrl("/api/me");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (authentication.getPrincipal() instanceof CustomerPrincipal principal) {
			signIns.signedIn(principal.customer().id(), (String) request.getAttribute(PREVIOUS_SESSION));
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}
}
