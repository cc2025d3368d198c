package io.polyshop.customer.internal;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import io.polyshop.shared.Problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem+json, like every other error of the API. A 401 names HTTP Basic as the way
 * to sign in ({@code WWW-Authenticate}), except to browser scripts; the detail never says whether the email or
 * the password was wrong.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	static final String REALM = "polyshop";

	private final JsonMapper json;

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		if (io.polyshop.shared.StoreOutages.causedBy(e)) { // the credentials could not be checked: not a wrong password
			response.setHeader(HttpHeaders.RETRY_AFTER, io.polyshop.shared.StoreOutages.RETRY_AFTER_SECONDS);
			write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
					"Your sign-in could not be checked: a data store is temporarily unavailable. Please try again shortly.");
			return;
		}
		if (e instanceof OAuth2AuthenticationException) {
			// RFC 6750 §3.1: a bearer token was sent and is not (or no longer) valid
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
					+ "\", error=\"invalid_token\", error_description=\"The access token is invalid, expired or revoked\"");
			write(request, response, HttpStatus.UNAUTHORIZED, "Invalid token",
					"The access token is invalid, expired or revoked. Get a new one at POST /api/auth/token.");
			return;
		}
		if (!fromBrowserScript(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
		}
		boolean credentialsGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null || e instanceof BadCredentialsException;
		write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", credentialsGiven
				? "The email or password is not right."
				: "Sign in first: a bearer token from POST /api/auth/token, HTTP Basic with your email and password, "
						+ "or the sign-in form at /login.");
	}

	/**
	 * A script of the storefront ({@code X-Requested-With: XMLHttpRequest}, as Spring Security's own Basic
	 * configuration recognises it): its 401 carries no Basic challenge, or the browser would stop the page with
	 * its own sign-in dialog (and a headless one would hold the request forever) instead of letting the page
	 * offer its sign-in form.
	 */
	private static boolean fromBrowserScript(HttpServletRequest request) {
		return "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		if (e instanceof CsrfException) {
			write(request, response, HttpStatus.FORBIDDEN, "CSRF token missing or invalid",
					"This request changes data in a signed-in browser session, so it needs the session's CSRF token "
							+ "(header X-CSRF-TOKEN or form field _csrf; GET /api/csrf gives it).");
			return;
		}
		write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Your account may not do this.");
	}

	/** The firewall refused the URL itself (an encoded '%', '/' or ';', a '..'): a 400 like any other bad input. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST, "Rejected URL",
				"The request URL contains characters or sequences that are not allowed (such as an encoded '%', '/' or '..').");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		ProblemDetail problem = Problems.problem(status, title, detail);
		problem.setInstance(java.net.URI.create(java.net.URLEncoder.encode(request.getRequestURI(), java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/")));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
