package io.polyshop.storefront;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;
import io.polyshop.support.Browser;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper, in a real browser, from the home page to a completed order in their order history: search, product
 * page, cart, create an account, checkout with the approving test card, history.
 * It checks what the shopper must be able to trust: the total priced by inventory, and the stock taken once.
 */
@PolyshopIntegrationTest
class ShopperJourneyBrowserTests {

	private static final String APPROVING_CARD = "4242424242424242";

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	Inventory inventory;

	@Test
	void shopperFindsAProductAndSeesTheirCompletedOrderInTheHistory() {
		String sku = "E2E-" + System.nanoTime();
		String title = "Journey Lamp " + sku;
		addProductToTheCatalog(sku, title);
		theSearchIndexHas(sku, title);
		browser.driver(port);

		// home page → search
		browser.open("/");
		browser.await(ExpectedConditions.elementToBeClickable(By.id("search-q")));
		browser.type("#search-q", title);
		browser.find("#search-button").click();
		WebElement card = browser.await(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=product-card][data-sku='" + sku + "']")));
		browser.screenshot("home-search-results");

		// product page: the document (MongoDB) and the price and stock (PostgreSQL) side by side
		card.findElement(By.cssSelector("a.product-link")).click();
		browser.await(ExpectedConditions.textToBe(By.id("product-title"), title));
		assertThat(browser.find("#product-price").getText()).contains("19");
		assertThat(browser.find("#product-stock").getText()).contains("5 in stock");
		browser.type("#quantity", "2");
		browser.find("#add-to-cart").click();
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("cart-status"), "Added to your cart"));
		browser.screenshot("product-page");

		// cart (Redis, an anonymous cart bound to the session) → checkout asks to sign in
		browser.find("#go-to-cart").click();
		WebElement line = browser.await(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=cart-line][data-sku='" + sku + "']")));
		assertThat(line.findElement(By.cssSelector("input[type=number]")).getDomProperty("value")).isEqualTo("2");
		// the cart prices its lines with inventory's price, as checkout will charge them
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("cart-total"), "39.80"));
		browser.find("#checkout-link").click();
		browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("checkout-signin")));

		// create an account: signed in straight away, back at checkout with the cart merged
		browser.find("#checkout-register-link").click();
		browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("register-email")));
		browser.type("#register-name", "Jo Shopper");
		browser.type("#register-email", "jo." + System.nanoTime() + "@example.com");
		browser.type("#register-password", "a-long-enough-password-42");
		browser.find("#register-button").click();
		browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("checkout-content")));
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-lines"), title));
		assertThat(browser.find("#checkout-total").getText()).contains("39.80");

		// checkout with the approving test card
		browser.type("#ship-line1", "1 Test Street");
		browser.type("#ship-city", "Berlin");
		browser.type("#ship-postal-code", "10115");
		browser.type("#ship-country", "DE");
		browser.find("#test-cards [data-card='" + APPROVING_CARD + "']").click();
		assertThat(browser.find("#card-number").getDomProperty("value")).isEqualTo(APPROVING_CARD);
		browser.find("#place-order").click();
		browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("order-confirmation")));
		String orderId = browser.find("#confirmed-order-id").getText();
		assertThat(orderId).isNotBlank();
		// two lamps at 19.90, priced by inventory at checkout; the two units left the stock exactly once
		assertThat(browser.find("#confirmed-total").getText()).contains("39.80");
		JsonNode product = PolyshopHttp.client(port).get().uri("/api/products/{sku}", sku).retrieve().body(JsonNode.class);
		assertThat(product.path("available").asInt()).isEqualTo(3);
		StockLevel stock = inventory.find(sku).orElseThrow();
		assertThat(stock.onHand()).as("taken off the shelf once, when the order completed").isEqualTo(3);
		assertThat(stock.reserved()).as("no units left held for it").isZero();

		// the completed order (the MongoDB projection) in the order history
		browser.find("#confirmed-order-link").click();
		browser.await(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=order-row][data-order-id='" + orderId + "']")));
		browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("order-detail")));
		assertThat(browser.find("#order-lines").getText()).contains(title).contains("39.80");
		browser.screenshot("order-history");
	}

	/** The index follows the catalog within seconds (the feed): the shopper searches once it has. */
	private void theSearchIndexHas(String sku, String title) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode found = PolyshopHttp.client(port).get().uri("/api/search?q={q}", title).retrieve().body(JsonNode.class);
			if (found != null && found.path("items").valueStream().anyMatch(item -> item.path("sku").asString().equals(sku))) {
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("The search index did not get " + sku + " within 15 s");
	}

	private void addProductToTheCatalog(String sku, String title) {
		var created = PolyshopHttp.admin(port).post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("sku", sku, "title", title, "description", "A lamp that lights the way through the tests.",
						"category", "lighting", "attributes", Map.of("colour", "amber", "watts", 8),
						"price", Map.of("amount", "19.90", "currency", "EUR"), "stock", 5))
				.retrieve().toEntity(String.class);
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
	}
}
