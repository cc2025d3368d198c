package io.polyshop.cart;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.polyshop.support.BrowserSession;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Carts live in Redis: a customer's survives a restart of the application, an abandoned one really expires. */
@Tag("integration")
class CartLifetimeTests {

	@TempDir
	Path dataDirectory;

	@Test
	void aCustomersCartSurvivesARestartAndAnAbandonedAnonymousCartExpires() {
		String[] arguments = { "--polyshop.cart.anonymous-ttl=3s", "--polyshop.catalog.demo.enabled=false",
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD };
		Shopper shopper;
		String sku;
		try (ConfigurableApplicationContext app = PolyshopInstance.start(dataDirectory, arguments)) {
			int port = PolyshopInstance.port(app);
			sku = Products.create(port, "6.00", 10);
			shopper = Shopper.register(port, "Loyal");
			shopper.putInCart(sku, 2);

			BrowserSession visitor = new BrowserSession(port);
			visitor.sendJson("PUT", "/api/cart/items/" + sku, "{\"quantity\": 1}", Map.of());
			String key = "cart:{session:" + visitor.sessionId().orElseThrow() + "}";
			StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
			assertThat(redis.hasKey(key)).isTrue();
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !redis.hasKey(key)); // gone from Redis itself, not just hidden
		}

		try (ConfigurableApplicationContext restarted = PolyshopInstance.start(dataDirectory, arguments)) {
			Shopper same = shopper.at(PolyshopInstance.port(restarted));
			assertThat(same.cart().path("items").get(0).path("sku").asString()).isEqualTo(sku);
			assertThat(same.cart().path("items").get(0).path("quantity").asInt()).isEqualTo(2);
		}
	}
}
