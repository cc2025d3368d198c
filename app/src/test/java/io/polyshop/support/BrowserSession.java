package io.polyshop.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like client: keeps cookies, follows no redirects, signs in with the form. */
public final class BrowserSession {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String base;
	private final CookieManager cookies;
	private final HttpClient http;
	private final Map<String, String> headers;

	public BrowserSession(int port) {
		this(port, new CookieManager(), Map.of());
	}

	/** A browser whose every request carries these headers too (say X-Forwarded-For, to be another client address). */
	public BrowserSession(int port, Map<String, String> headers) {
		this(port, new CookieManager(), headers);
	}

	private BrowserSession(int port, CookieManager cookies, Map<String, String> headers) {
		this.base = "http://localhost:" + port;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
		this.headers = Map.copyOf(headers);
	}

	/** The same browser (same cookies, so the same session) talking to another instance behind the balancer. */
	public BrowserSession at(int otherPort) {
		return new BrowserSession(otherPort, cookies, headers);
	}

	/** The CSRF token in the sign-in page's form. */
	public String signInFormToken() {
		HttpResponse<String> page = get("/login", "text/html");
		Matcher matcher = CSRF_FIELD.matcher(page.body());
		if (page.statusCode() != 200 || !matcher.find()) {
			throw new AssertionError("no sign-in form with a CSRF token: " + page.statusCode() + " " + page.body());
		}
		return matcher.group(1);
	}

	/** Posts the sign-in form (with the token given, or none when null). */
	public HttpResponse<String> submitSignIn(String email, String password, String csrfToken) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("username", email);
		fields.put("password", password);
		if (csrfToken != null) {
			fields.put("_csrf", csrfToken);
		}
		String form = fields.entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	public HttpResponse<String> get(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
	}

	public HttpResponse<String> sendJson(String method, String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request);
	}

	/** The session id the browser holds (Spring Session's cookie carries it base64-encoded). */
	public Optional<String> sessionId() {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
				.map(HttpCookie::getValue).findFirst()
				.map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		headers.forEach(request::header);
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
