package io.polyshop.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Load on the purchase path of a running Polyshop, over HTTP. Each virtual customer is an API client with its own
 * bearer token ({@code POST /api/auth/token}, issued before the run and reused by a run with {@code -Dprepare=false},
 * so no bcrypt falls in a measured run); {@code -Dauth=session} signs in with the form instead and uses the session
 * cookie and its CSRF token, as the storefront does. Choose with {@code -Dscenario=}:
 * <ul>
 * <li>{@code browse}: search a page of products, open a product, put it in the cart, view the cart, check out;</li>
 * <li>{@code checkout}: put a product in the cart, check out (the purchase path alone);</li>
 * <li>{@code history}: the customers' order history ({@code GET /api/orders}), read in a loop;</li>
 * <li>{@code hot}: {@code -Dbuyers=N} customers at once each try to buy one unit of one new SKU that has
 * {@code -DhotUnits=K}; then an auditor proves, through the admin API, that no unit was oversold and stock is
 * conserved: units left = K - orders that got one, never below zero, and every such order is a COMPLETED order
 * document naming the SKU (which also shows the projection caught up within {@code -DcatchUpSeconds}).</li>
 * </ul>
 * {@code browse} and {@code checkout} run {@code -Dusers} customers for {@code -Dduration} seconds over
 * {@code -Dskus} SKUs; with {@code -Drate=} (orders per second over all users) each customer paces its loop, for
 * latency at a given rate rather than at saturation. Products and customers are created (or reused) through the
 * admin API before the run. The HTML report lands in {@code load-test/target/gatling/}.
 */
public class CheckoutSimulation extends Simulation {

	static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
	static final String SCENARIO = System.getProperty("scenario", "checkout");
	static final int USERS = Integer.getInteger("users", 32);
	static final int DURATION = Integer.getInteger("duration", 60);
	static final double RATE = Double.parseDouble(System.getProperty("rate", "0"));
	static final int SKUS = Integer.getInteger("skus", 200);
	static final int BUYERS = Integer.getInteger("buyers", 100);
	static final int HOT_UNITS = Integer.getInteger("hotUnits", 20);
	/** {@code token}: API clients with a bearer token each (the default); {@code session}: the sign-in form and its cookie. */
	static final boolean BEARER = System.getProperty("auth", "token").equals("token");
	static final boolean PREPARE = Boolean.parseBoolean(System.getProperty("prepare", "true"));
	static final Path TOKENS = Path.of("target", "load-test-tokens-" + Integer.toHexString(BASE_URL.hashCode()) + ".txt");
	static final int CATCH_UP_SECONDS = Integer.getInteger("catchUpSeconds", 5);
	static final String ADMIN_EMAIL = System.getProperty("adminEmail", "admin@polyshop.test");
	static final String ADMIN_PASSWORD = System.getProperty("adminPassword", "Load-test-admin-1");
	static final String CUSTOMER_PASSWORD = "Load-test-customer-1";
	static final String CARD = "4242424242424242"; // the payment simulator approves it
	static final String CHECKOUT_BODY = """
			{"shippingAddress": {"name": "Ada Lovelace", "line1": "12 St James's Square", "city": "London",
			 "postalCode": "SW1Y 4JH", "country": "GB"}, "payment": {"cardNumber": "%s"}}""".formatted(CARD);

	static final AdminApi admin = new AdminApi(BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD);
	static final String HOT_SKU = "HOT-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
	/** The orders of the hot SKU that were answered 201, for the auditor. */
	static final ConcurrentLinkedQueue<String> hotOrders = new ConcurrentLinkedQueue<>();
	/**
	 * Hot SKU buyers still answered 503 after five tries (each retry with the same Idempotency-Key). Reported; the
	 * audit's stock equation still holds or fails on its own, since a give-up after a 503 bought nothing unless an
	 * order exists, and then the units left would not match.
	 */
	static final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();

	final List<String> skus = IntStream.range(0, SKUS).mapToObj("LT-%05d"::formatted).toList();

	HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
			.acceptHeader("application/json, application/problem+json")
			.contentTypeHeader("application/json")
			.userAgentHeader("polyshop-load-test");

	@Override
	public void before() {
		if (!PREPARE && !SCENARIO.equals("hot")) {
			if (BEARER) {
				tokens.addAll(admin.customerTokens(USERS, CUSTOMER_PASSWORD, TOKENS, true));
			}
			return; // -Dprepare=false: an earlier run made the products, customers and tokens (keeps bcrypt out of a measured run)
		}
		int customers = SCENARIO.equals("hot") ? BUYERS : USERS;
		System.out.printf("Polyshop load test '%s' against %s: preparing %d customers%s%n", SCENARIO, BASE_URL, customers,
				SCENARIO.equals("hot") ? ", hot SKU " + HOT_SKU + " with " + HOT_UNITS + " units" : ", " + SKUS + " SKUs");
		if (SCENARIO.equals("hot")) {
			admin.createProduct(HOT_SKU, HOT_UNITS);
		}
		else {
			admin.ensureProducts(skus, 1_000_000);
		}
		admin.ensureCustomers(customers, CUSTOMER_PASSWORD);
		if (BEARER) {
			tokens.addAll(admin.customerTokens(customers, CUSTOMER_PASSWORD, TOKENS, false));
		}
	}

	/** Bearer tokens by customer index, filled in {@link #before()}. */
	final List<String> tokens = new ArrayList<>();

	/** One row per customer, made when a virtual customer starts (after {@link #before()} has issued the tokens). */
	Iterator<Map<String, Object>> customerFeeder() {
		int customers = SCENARIO.equals("hot") ? BUYERS : USERS;
		return IntStream.range(0, customers).<Map<String, Object>>mapToObj(i -> Map.of("email", AdminApi.customerEmail(i),
				"password", CUSTOMER_PASSWORD, "token", BEARER ? tokens.get(i) : "")).iterator();
	}

	/**
	 * What each request carries: the customer's bearer token, or, with a browser session, the session's CSRF token
	 * (the cookie goes by itself).
	 */
	static final String CREDENTIAL_HEADER = BEARER ? "Authorization" : "X-CSRF-TOKEN";
	static final String CREDENTIAL = BEARER ? "Bearer #{token}" : "#{csrf}";

	/** Token: issued before the run. Session: the sign-in form once, then the session's CSRF token for the API calls that change something. */
	ChainBuilder signIn = BEARER ? exec(session -> session) : exec(
			http("sign-in form").get("/login").header("Accept", "text/html")
					.check(css("input[name=_csrf]", "value").saveAs("formCsrf")),
			http("sign in").post("/login").asFormUrlEncoded()
					.formParam("username", "#{email}").formParam("password", "#{password}").formParam("_csrf", "#{formCsrf}")
					.disableFollowRedirect()
					.check(status().is(302), header("Location").not("/login?error")),
			http("csrf token").get("/api/csrf").check(jmesPath("token").saveAs("csrf")))
			.exitHereIfFailed();

	/**
	 * Each virtual customer starts from an empty cart: the load customers' carts outlive a run (Redis keeps them, and
	 * a hot SKU loser's cart held the sold-out line, so a later run's checkouts all answered 409 "Insufficient stock").
	 */
	ChainBuilder emptyCart = exec(http("empty cart").delete("/api/cart").header(CREDENTIAL_HEADER, CREDENTIAL).check(status().is(200)));

	ChainBuilder pickSku = exec(session -> session.set("sku", skus.get(ThreadLocalRandom.current().nextInt(skus.size())))
			.set("quantity", 1 + ThreadLocalRandom.current().nextInt(3)));

	ChainBuilder browse = exec(
			http("search").get("/api/products").queryParam("page", session -> ThreadLocalRandom.current().nextInt(5))
					.queryParam("size", 20).check(status().is(200)),
			http("product page").get("/api/products/#{sku}").check(status().is(200)));

	ChainBuilder putInCart = exec(http("put in cart").put("/api/cart/items/#{sku}").header(CREDENTIAL_HEADER, CREDENTIAL)
			.body(StringBody("{\"quantity\":#{quantity}}")).check(status().is(200)));

	ChainBuilder viewCart = exec(http("view cart").get("/api/cart").header(CREDENTIAL_HEADER, CREDENTIAL).check(status().is(200)));

	ChainBuilder checkout = exec(http("checkout").post("/api/checkout").header(CREDENTIAL_HEADER, CREDENTIAL)
			.header("Idempotency-Key", session -> UUID.randomUUID().toString())
			.body(StringBody(CHECKOUT_BODY))
			.check(status().is(201), jmesPath("status").is("COMPLETED")));

	ScenarioBuilder shoppers(String name, ChainBuilder iteration) {
		ChainBuilder loop = RATE > 0
				? during(Duration.ofSeconds(DURATION)).on(pace(Duration.ofMillis((long) (USERS * 1000 / RATE))).exec(iteration))
				: during(Duration.ofSeconds(DURATION)).on(iteration);
		return scenario(name).feed(customerFeeder()).exec(signIn).exec(emptyCart).exec(loop);
	}

	/**
	 * A 503 (a store did not answer in time: the pool queue on a loaded machine) is "try again", as a real client
	 * would; the checkout retries with the same Idempotency-Key, so a retry can never buy twice.
	 */
	ScenarioBuilder hotBuyers = scenario("hot SKU buyers").feed(customerFeeder()).exec(signIn).exec(emptyCart)
			.exec(session -> session.set("sku", HOT_SKU).set("quantity", 1).set("key", UUID.randomUUID().toString())
					.set("cartStatus", 503).set("checkoutStatus", 503))
			// sold out shows as 409 at the cart or at checkout: expected for everyone after the K-th buyer
			.asLongAs(session -> session.getInt("cartStatus") == 503 && session.getInt("cartTry") < 5, "cartTry").on(
					pause(Duration.ofMillis(200)).exec(http("hot: put in cart").put("/api/cart/items/#{sku}").header(CREDENTIAL_HEADER, CREDENTIAL)
							.body(StringBody("{\"quantity\":1}")).check(status().in(200, 409, 503).saveAs("cartStatus"))))
			.doIf(session -> session.getInt("cartStatus") == 200).then(
					asLongAs(session -> session.getInt("checkoutStatus") == 503 && session.getInt("checkoutTry") < 5, "checkoutTry").on(
							pause(Duration.ofMillis(200)).exec(http("hot: checkout").post("/api/checkout")
									.header(CREDENTIAL_HEADER, CREDENTIAL).header("Idempotency-Key", "#{key}")
									.body(StringBody(CHECKOUT_BODY))
									.check(status().in(201, 409, 503).saveAs("checkoutStatus"), jmesPath("orderId").optional().saveAs("orderId")))))
			// a buyer who did not get one takes the sold-out line out of the cart, as a shopper would
			.doIf(session -> session.getInt("cartStatus") == 200 && session.getInt("checkoutStatus") != 201).then(
					exec(http("hot: remove sold-out line").delete("/api/cart/items/#{sku}").header(CREDENTIAL_HEADER, CREDENTIAL).check(status().is(200))))
			.exec(session -> {
				if (session.getInt("checkoutStatus") == 201) {
					hotOrders.add(session.getString("orderId"));
				}
				else if (session.getInt("cartStatus") == 503 || session.getInt("checkoutStatus") == 503 && session.getInt("cartStatus") == 200) {
					unanswered.incrementAndGet();
				}
				return session;
			});

	/** Runs once after every buyer is done: stock read from inventory, orders read from the order documents. */
	ScenarioBuilder auditor = scenario("hot SKU audit")
			.pause(Duration.ofSeconds(CATCH_UP_SECONDS))
			.exec(session -> session.set("sold", hotOrders.size()).set("orderIds", List.copyOf(hotOrders)))
			.exec(http("audit: no oversell").get("/api/products/" + HOT_SKU).header("Authorization", admin.basic())
					.check(jmesPath("available").ofInt().gte(0),
							jmesPath("available").ofInt().lte(HOT_UNITS),
							// conserved: what is left plus what was sold is what there was
							jmesPath("available").ofInt().is(session -> HOT_UNITS - session.getInt("sold"))))
			.foreach("#{orderIds}", "orderId").on(exec(http("audit: order document").get("/api/admin/orders/#{orderId}")
					.header("Authorization", admin.basic())
					.check(status().is(200), jmesPath("status").is("COMPLETED"),
							jmesPath("lines[?sku=='" + HOT_SKU + "'].quantity | [0]").ofInt().is(1))))
			.exec(session -> {
				System.out.printf("%nHot SKU %s: %d units, %d buyers, %d orders placed, %d buyers gave up after 503s; stock conserved "
						+ "and never oversold if the audit requests above are all OK%n", HOT_SKU, HOT_UNITS, BUYERS, session.getInt("sold"), unanswered.get());
				return session;
			});

	{
		PopulationBuilder population = switch (SCENARIO) {
			case "browse" -> shoppers("browse, cart, checkout", pickSku.exec(browse, putInCart, viewCart, checkout))
					.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(Math.min(5, DURATION))));
			case "checkout" -> shoppers("checkout only", pickSku.exec(putInCart, checkout))
					.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(Math.min(5, DURATION))));
			case "history" -> shoppers("order history", exec(http("order history").get("/api/orders").header(CREDENTIAL_HEADER, CREDENTIAL).check(status().is(200))))
					.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(Math.min(5, DURATION))));
			case "hot" -> hotBuyers.injectOpen(atOnceUsers(BUYERS)).andThen(auditor.injectOpen(atOnceUsers(1)));
			default -> throw new IllegalArgumentException("scenario is browse, checkout, history or hot: " + SCENARIO);
		};
		setUp(population).protocols(protocol)
				// the hot run's losers are 409s, counted as OK above; any KO there (or an audit check) fails the run
				.assertions(SCENARIO.equals("hot") ? global().failedRequests().count().is(0L)
						: global().failedRequests().percent().lt(1.0));
	}
}
