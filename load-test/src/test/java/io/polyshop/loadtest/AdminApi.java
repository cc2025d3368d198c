package io.polyshop.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the load test prepares before a run, through Polyshop's own API: products (admin, HTTP Basic) and customer
 * accounts. Reuses what an earlier run made (409 on create), so runs can repeat against one instance.
 */
final class AdminApi {

	private final String baseUrl;
	private final String basic;
	private final HttpClient http = HttpClient.newHttpClient();

	AdminApi(String baseUrl, String email, String password) {
		this.baseUrl = baseUrl;
		this.basic = "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	String basic() {
		return basic;
	}

	static String customerEmail(int index) {
		return "load-%05d@polyshop.test".formatted(index);
	}

	void createProduct(String sku, int stock) {
		int status = send("POST", "/api/admin/products", product(sku, stock), true).join().statusCode();
		if (status != 201) {
			throw new IllegalStateException("could not create product " + sku + ": HTTP " + status);
		}
	}

	/** Each SKU exists with this much stock (created, or its stock set back). */
	void ensureProducts(List<String> skus, int stock) {
		inBatches(skus.size(), i -> send("POST", "/api/admin/products", product(skus.get(i), stock), true).thenCompose(created -> {
			if (created.statusCode() == 201) {
				return CompletableFuture.completedFuture(created);
			}
			if (created.statusCode() != 409) {
				throw new IllegalStateException("could not create product " + skus.get(i) + ": HTTP " + created.statusCode() + " " + created.body());
			}
			return send("PUT", "/api/admin/products/" + skus.get(i) + "/stock", "{\"onHand\":" + stock + "}", true);
		}));
	}

	void ensureCustomers(int count, String password) {
		inBatches(count, i -> send("POST", "/api/customers", """
				{"email": "%s", "password": "%s", "name": "Load %d"}""".formatted(customerEmail(i), password, i), false)
				.thenApply(response -> {
					if (response.statusCode() != 201 && response.statusCode() != 409) {
						throw new IllegalStateException("could not register " + customerEmail(i) + ": HTTP " + response.statusCode() + " " + response.body());
					}
					return response;
				}));
	}

	/**
	 * A bearer token per customer ({@code POST /api/auth/token}, one bcrypt each), kept in {@code cache} so that a
	 * measured run ({@code -Dprepare=false}, {@code reuse}) takes the warm-up's tokens and pays no bcrypt at all.
	 * Cached tokens are reused while younger than half the default token lifetime; otherwise new ones are issued.
	 */
	List<String> customerTokens(int count, String password, Path cache, boolean reuse) {
		try {
			if (reuse && Files.exists(cache) && Files.getLastModifiedTime(cache).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(30)))) {
				List<String> cached = Files.readAllLines(cache);
				if (cached.size() >= count) {
					return cached.subList(0, count);
				}
			}
			String[] tokens = new String[count];
			inBatches(count, i -> send("POST", "/api/auth/token", """
					{"email": "%s", "password": "%s"}""".formatted(customerEmail(i), password), false).thenApply(response -> {
						if (response.statusCode() != 200) {
							throw new IllegalStateException("no token for " + customerEmail(i) + ": HTTP " + response.statusCode() + " " + response.body());
						}
						Matcher token = ACCESS_TOKEN.matcher(response.body());
						if (!token.find()) {
							throw new IllegalStateException("no access_token in " + response.body());
						}
						tokens[i] = token.group(1);
						return response;
					}));
			Files.createDirectories(cache.toAbsolutePath().getParent());
			Files.write(cache, List.of(tokens));
			return List.of(tokens);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static String product(String sku, int stock) {
		return """
				{"sku": "%s", "title": "Load test product %s", "description": "Made by the load test", "category": "load-test",
				 "attributes": {"batch": "load"}, "price": {"amount": "%d.99", "currency": "EUR"}, "stock": %d}"""
				.formatted(sku, sku, 5 + Math.abs(sku.hashCode() % 40), stock);
	}

	/** A few requests at a time: each one costs the server a bcrypt (Basic or registration). */
	private static void inBatches(int count, java.util.function.IntFunction<CompletableFuture<?>> request) {
		for (int from = 0; from < count; from += 8) {
			List<CompletableFuture<?>> running = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 8); i++) {
				running.add(request.apply(i));
			}
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
		}
	}

	private CompletableFuture<HttpResponse<String>> send(String method, String path, String json, boolean asAdmin) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
				.header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		if (asAdmin) {
			request.header("Authorization", basic);
		}
		return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
