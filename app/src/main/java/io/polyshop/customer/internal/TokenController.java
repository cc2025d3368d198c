package io.polyshop.customer.internal;


import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code /api/auth/token}: bearer tokens for API clients. {@code POST} checks the email and password once (HTTP
 * Basic, or a JSON body) and answers an OAuth2 token response (RFC 6749 §5.1); every later request sends
 * {@code Authorization: Bearer <token>} and costs one Redis GET instead of a bcrypt. {@code DELETE} revokes the
 * token it is called with (or, called with a password or a session, every token of the account).
 */
@RestController
class TokenController {

	private final AccessTokens tokens;
	private final RateLimits limits;
	private final AuthenticationManager passwords;

	TokenController(AccessTokens tokens, RateLimits limits, CustomerAccounts accounts, PasswordEncoder passwordEncoder) {
		this.tokens = tokens;
		this.limits = limits;
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
		provider.setPasswordEncoder(passwordEncoder);
		this.passwords = new ProviderManager(provider);
	}

	@PostMapping("/api/auth/token")
	ResponseEntity<TokenResponse> issue(HttpServletRequest request, @Valid @RequestBody(required = false) Credentials body) {
		CustomerPrincipal principal = signedInWithBasic(request);
		if (principal == null) {
			if (body == null) {
				// nothing to check: the same 401 (with its challenge) as for wrong credentials
				throw new BadCredentialsException("No credentials");
			}
			limits.tryTake(limits.passwordAttemptsPerAccount, body.email().strip()).ifPresent(retryAfter -> {
				throw CustomerProblem.tooManyRequests(retryAfter);
			});
			Authentication checked = passwords.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(body.email().strip(), body.password()));
			principal = (CustomerPrincipal) checked.getPrincipal();
		}
		AccessTokens.Issued issued = tokens.issue(principal);
		return ResponseEntity.ok()
				.cacheControl(CacheControl.noStore()) // RFC 6749 §5.1
				.header(HttpHeaders.PRAGMA, "no-cache")
				.body(new TokenResponse(issued.value(), "Bearer", issued.lifetime().toSeconds()));
	}

	@DeleteMapping("/api/auth/token")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof BearerTokenAuthentication bearer) {
			tokens.revoke(bearer.getToken().getTokenValue());
		}
		else if (authentication != null && authentication.getPrincipal() instanceof CustomerPrincipal principal) {
			tokens.revokeAll(principal.customer().id());
		}
		else {
			throw new BadCredentialsException("Not signed in");
		}
	}

	/** Only a password checked on this very request may mint a token: not a session, not another token. */
	private static CustomerPrincipal signedInWithBasic(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
				&& authentication instanceof UsernamePasswordAuthenticationToken
				&& authentication.getPrincipal() instanceof CustomerPrincipal principal ? principal : null;
	}

	/** The JSON alternative to HTTP Basic; unknown fields are refused like everywhere else. */
	record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
	}

	/** RFC 6749 §5.1. */
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") long expiresIn) {
	}
}
