package io.polyshop.customer.internal;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After a form sign-in: announce it with the id of the session the browser came with, then go where the
 * visitor was headed (or {@code /api/me}). By now Spring Security has given the session a new id; the
 * requested session id is still the one from the browser's cookie, the anonymous session (and cart) before.
 */
class FormSignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	private final SignIns signIns;

	FormSignInSuccess(SignIns signIns) {
		this.signIns = signIns;
		setDefaultTargetUrl("/api/me");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (authentication.getPrincipal() instanceof CustomerPrincipal principal) {
			signIns.signedIn(principal.customer().id(), request.getRequestedSessionId());
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}
}
