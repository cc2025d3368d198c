package io.polyshop.customer.internal;

import org.springframework.security.web.firewall.RequestRejectedHandler;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security for the whole application, in one filter chain:
 * <ul>
 * <li>API clients get a bearer token at {@code POST /api/auth/token} ({@link TokenController}) and send it on
 * every request (Spring Security's OAuth2 resource server with {@link AccessTokens} as the introspector: one Redis
 * GET, no bcrypt). HTTP Basic on every request still works, as the slow path (a bcrypt per request).</li>
 * <li>Browsers sign in with the form at {@code /login} and then carry a session cookie; sessions live in Redis
 * (Spring Session), so any instance serves any browser.</li>
 * <li>CSRF tokens are required where a forged request could ride on a signed-in session: see
 * {@link CsrfRequiredRequests}.</li>
 * <li>401 and 403 are problem+json ({@link SecurityProblems}); a browser page asking for something that needs a
 * sign-in is sent to the form instead of getting the browser's Basic dialog.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, SignIns signIns, AccessTokens tokens,
			RateLimits limits, StoreLocations stores) throws Exception {
		SecurityProblems problems = new SecurityProblems(json);
		RateLimitedRequests rateLimited = new RateLimitedRequests(limits, json);
		http.addFilterBefore(rateLimited.beforeAuthentication(), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(rateLimited.afterAuthorization(), AuthorizationFilter.class)
			.addFilterBefore(FormSignInSuccess.previousSessionCapture(), UsernamePasswordAuthenticationFilter.class);
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**", "/api/categories", "/api/search", "/api/search/**").permitAll()
				.requestMatchers(HttpMethod.POST, "/api/customers").permitAll()
				.requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll() // checks the credentials itself
				.requestMatchers(HttpMethod.GET, "/api/payment-mode").permitAll()
				.requestMatchers("/api/cart", "/api/cart/**", "/api/csrf").permitAll()
				.requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
				.requestMatchers("/api/**").authenticated()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
				// the API document lists the admin endpoints: public only in a development shop (every store embedded)
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.access(developmentShop(stores) ? (authentication, context) -> new AuthorizationDecision(true)
						: AuthorityAuthorizationManager.hasRole(Role.ADMIN.name()))
				.requestMatchers(PathRequest.toStaticResources().atCommonLocations()).permitAll()
				.requestMatchers("/", "/login", "/error").permitAll()
				// the storefront and console pages are static; what they show comes from the API's own rules
				.requestMatchers(HttpMethod.GET, "/*.html", "/app.js", "/app.css", "/pages/**", "/admin/console.html").permitAll()
				.anyRequest().authenticated())
			.httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
			// bearer tokens (RFC 6750): opaque, looked up in Redis by AccessTokens; a bad one is a 401 problem with
			// WWW-Authenticate: Bearer error="invalid_token"
			.oauth2ResourceServer(resourceServer -> resourceServer.authenticationEntryPoint(problems)
				.opaqueToken(opaque -> opaque.introspector(tokens)))
			.formLogin(form -> form.successHandler(new FormSignInSuccess(signIns)).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(new CsrfRequiredRequests()))
			// on top of Spring Security's defaults (nosniff, frame options, no-cache): pages run only their own scripts
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			// registered before form login and Basic add theirs, so these decide; set as "default" entry points
			// (not the one entry point) so that Spring Security still generates the sign-in page
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browserPageWithoutCredentials())
				.defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Scripts, styles, fonts and frames only from Polyshop itself; images also from https (product images) and
	 * data: URLs. Inline styles stay allowed for Swagger UI; inline scripts, plugins and foreign frames do not.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data: https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** Every store embedded: a developer's shop, where the API document may be public. */
	static boolean developmentShop(StoreLocations stores) {
		return stores.all().stream().allMatch(store -> store.mode() == StoreMode.EMBEDDED);
	}

	/** A page the browser navigates to (it asks for HTML) and that brings no credentials of its own. */
	private static RequestMatcher browserPageWithoutCredentials() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
		return new AndRequestMatcher(html, new NegatedRequestMatcher(new RequestHeaderRequestMatcher("Authorization")),
				pathPattern(HttpMethod.GET, "/**"));
	}

	/** URLs the firewall refuses are answered as problem+json too, not as the servlet container's error page. */
	@Bean
	RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
		return new SecurityProblems(json);
	}

	/** Spring Security's delegating encoder: bcrypt today, and hashes say which algorithm made them. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
