package io.polyshop.storefront;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.polyshop.support.Browser;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the sign-in and registration pages send the browser afterwards ({@code ?next=}): only to a page of this
 * site. Asked of the storefront's own {@code safeNext} in a real browser, which is what parses the URL in the end.
 */
@PolyshopIntegrationTest
class SignInRedirectBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Test
	void nextGoesOnlyToPagesOfThisSite() {
		browser.driver(port);

		assertThat(safeNext("/orders.html?page=2")).isEqualTo("/orders.html?page=2");
		for (String offSite : new String[] { "/\\example.org", "//example.org", "https://example.org/", "/\t/example.org",
				"/\\/example.org", "javascript:alert(1)" }) {
			assertThat(safeNext(offSite)).as(offSite).isEqualTo("/fallback");
		}
	}

	private String safeNext(String next) {
		browser.open("/signin.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
		JavascriptExecutor js = (JavascriptExecutor) browser.driver(port);
		return (String) js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				import("/app.js").then((app) => done(app.safeNext("/fallback")), (e) => done("error: " + e));""");
	}
}
