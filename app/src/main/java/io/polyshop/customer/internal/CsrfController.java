package io.polyshop.customer.internal;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/csrf}: the CSRF token of the caller's session, for browser scripts that change data in a
 * signed-in session. The token is kept in the session (in Redis) and changes at sign-in.
 */
@RestController
class CsrfController {

	@GetMapping("/api/csrf")
	CsrfView csrf(CsrfToken token) {
		return new CsrfView(token.getHeaderName(), token.getParameterName(), token.getToken());
	}

	record CsrfView(String headerName, String parameterName, String token) {
	}
}
