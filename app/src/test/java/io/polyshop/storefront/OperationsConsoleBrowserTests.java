package io.polyshop.storefront;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.polyshop.support.Browser;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator opens the operations console in a real browser; the storefront's shared page furniture works. */
@PolyshopIntegrationTest
class OperationsConsoleBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void adminSeesEveryStoreWithLatenciesTheOutboxAndTheChart() {
		WebDriver driver = browser.driver(port);
		browser.open("/admin/console.html");
		signInAsAdminIfAsked();

		List<WebElement> cards = browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=store-card]"), 4));
		assertThat(cards).extracting(card -> card.getDomAttribute("data-store")).containsExactly("postgres", "redis", "mongodb", "neo4j");
		// the page refreshes itself: wait until every store shows a p50 from the heartbeat
		browser.await(d -> d.findElements(By.cssSelector("[data-testid=latency-p50]")).stream()
				.filter(p50 -> p50.getText().matches("[0-9.]+")).count() == 4);
		for (WebElement card : driver.findElements(By.cssSelector("[data-testid=store-card]"))) {
			assertThat(card.findElement(By.cssSelector("[data-testid=store-status]")).getText()).isEqualTo("UP");
			assertThat(card.findElement(By.cssSelector("[data-testid=store-version]")).getText()).isNotBlank().isNotEqualTo("unknown");
			assertThat(card.findElement(By.cssSelector("[data-testid=store-address]")).getText()).contains("127.0.0.1");
		}
		assertThat(browser.find("[data-testid=outbox-summary]").getText()).containsAnyOf("No incomplete", "incomplete publication");
		// one line per store in the latency chart, and the requests chart is drawn
		browser.await(d -> d.findElements(By.cssSelector("#latency-chart path[data-series]")).size() == 4);
		assertThat(browser.find("#requests-chart svg").getDomAttribute("role")).isEqualTo("img");

		browser.screenshot("operations-console");
	}

	@Test
	void consoleListsAnIncompletePublicationFromTheOutbox() {
		// a publication whose listener keeps failing, as the registry leaves it: the console must show it
		UUID id = UUID.randomUUID();
		String listener = "io.polyshop.storefront.ConsoleBrowserTest.neverCompletes(" + id + ")";
		jdbc.update("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
				VALUES (?, ?, 'io.polyshop.customer.CustomerRegistered', '{}', ?, 'FAILED', 3)""",
				id, listener, OffsetDateTime.now().minusHours(5));
		try {
			browser.driver(port);
			browser.open("/admin/console.html");
			signInAsAdminIfAsked();

			WebElement summary = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=outbox-summary]")));
			browser.await(d -> summary.getText().contains("incomplete publication"));
			assertThat(summary.getText()).contains("the oldest has waited");
			browser.await(d -> d.findElements(By.cssSelector("#outbox-rows [data-testid=outbox-row]")).stream()
					.anyMatch(row -> row.getText().contains(listener)));
		}
		finally {
			jdbc.update("DELETE FROM event_publication WHERE id = ?", id);
		}
	}

	@Test
	void storeSwitchMarksPanelsAndIsRememberedAndKeyboardOperable() {
		WebDriver driver = browser.driver(port);
		browser.open("/");
		WebElement body = driver.findElement(By.tagName("body"));
		WebElement toggle = browser.await(ExpectedConditions.elementToBeClickable(By.id("store-toggle")));
		if ("true".equals(toggle.getDomAttribute("aria-checked"))) {
			toggle.click(); // start from "off", whatever an earlier test left in localStorage
		}
		assertThat(body.getDomProperty("className")).doesNotContain("show-stores");

		// the first Tab reaches the skip link, and the switch answers the space bar like any button
		body.sendKeys(Keys.TAB);
		assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
		toggle.sendKeys(Keys.SPACE);

		assertThat(toggle.getDomAttribute("aria-checked")).isEqualTo("true");
		assertThat(body.getDomProperty("className")).contains("show-stores");
		String badge = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
				"return getComputedStyle(document.querySelector('#facets[data-store=lucene]'), '::before').content");
		assertThat(badge).contains("Lucene: search index");

		browser.open("/cart.html");
		WebElement cartPanel = browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-store=redis]")));
		assertThat(driver.findElement(By.tagName("body")).getDomProperty("className")).contains("show-stores");
		assertThat((String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
				"return getComputedStyle(arguments[0], '::before').content", cartPanel)).contains("Redis: cart");

		browser.open("/");
		browser.await(ExpectedConditions.presenceOfElementLocated(By.id("store-toggle")));
		browser.screenshot("home-with-store-badges");
		browser.find("#store-toggle").click();
		assertThat(driver.findElement(By.tagName("body")).getDomProperty("className")).doesNotContain("show-stores");
	}

	@Test
	void apiProblemsAreShownInTheAlertRegion() {
		browser.driver(port);
		String missing = "no-such-sku-" + System.nanoTime();
		JsonNode problem = PolyshopHttp.client(port).get().uri("/api/products/{sku}", missing).retrieve().body(JsonNode.class);

		browser.open("/product.html?sku=" + missing);

		WebElement alert = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#problem[role=alert]")));
		assertThat(alert.getText()).contains(problem.path("title").asString());
		assertThat(browser.find("#product-title").getText()).isEqualTo("This product does not exist");
	}

	/**
	 * Once Spring Security guards the admin API, the console asks for a sign-in (or the server sends the browser to
	 * the sign-in page itself): sign in as the test admin and come back to the console.
	 */
	private void signInAsAdminIfAsked() {
		browser.await(d -> shown(d, "#console-content") || shown(d, "#console-signin") || shown(d, "#signin-email"));
		if (shown(browser.driver(port), "#console-signin")) {
			browser.find("#console-signin-link").click();
			browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("signin-email")));
		}
		if (shown(browser.driver(port), "#signin-email")) {
			browser.type("#signin-email", PolyshopHttp.ADMIN_EMAIL);
			browser.type("#signin-password", PolyshopHttp.ADMIN_PASSWORD);
			browser.find("#signin-button").click();
			browser.await(d -> !d.getCurrentUrl().contains("signin.html"));
			browser.open("/admin/console.html");
			browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("console-content")));
		}
	}

	private static boolean shown(WebDriver driver, String cssSelector) {
		return driver.findElements(By.cssSelector(cssSelector)).stream().anyMatch(WebElement::isDisplayed);
	}
}
