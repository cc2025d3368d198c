package io.polyshop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.polyshop.inventory.Inventory;
import io.polyshop.shared.ListenerBacklog;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

/** Orders are not taken faster than the outbox delivers their events: a full delivery queue holds checkouts back. */
@PolyshopIntegrationTest
class CheckoutBackpressureTests {

	@LocalServerPort
	int port;

	@Autowired
	ThreadPoolTaskExecutor listenerExecutor;

	@Autowired
	ListenerBacklog backlog;

	@Autowired
	Inventory inventory;

	@Autowired
	JdbcClient jdbc;

	@Value("${polyshop.outbox.max-queued-deliveries}")
	int maxQueued;

	@Test
	void aCheckoutWhileTheDeliveryQueueIsFullIsRefusedWith503AndTakesNothing_laterTheSameKeyBuys() {
		String sku = Products.create(port, "12.50", 5);
		Shopper shopper = Shopper.register(port, "Held Back");
		assertThat(shopper.putInCart(sku, 2).getStatusCode().value()).isEqualTo(200);
		String key = UUID.randomUUID().toString();

		CountDownLatch release = new CountDownLatch(1);
		ThreadPoolExecutor pool = listenerExecutor.getThreadPoolExecutor();
		try {
			// every listener thread busy, and as many deliveries queued as the limit allows
			// (deliveries of the set-up's own events may still hold threads: wait until each thread holds one of ours)
			CountDownLatch holding = new CountDownLatch(pool.getCorePoolSize());
			for (int i = 0; i < pool.getCorePoolSize(); i++) {
				pool.execute(() -> {
					holding.countDown();
					awaitQuietly(release);
				});
			}
			await().until(() -> holding.getCount() == 0);
			while (pool.getQueue().size() < maxQueued) {
				pool.execute(() -> { });
			}

			assertThat(backlog.queued()).as("deliveries queued, seen by the checkout").isGreaterThanOrEqualTo(maxQueued);

			ResponseEntity<JsonNode> refused = shopper.checkout(key, Shopper.APPROVED_CARD);

			assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(503);
			assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
			assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
			assertThat(orderCount(shopper)).as("orders of the refused customer").isZero();
			assertThat(inventory.find(sku).orElseThrow().reserved()).isZero();
			assertThat(shopper.cart().path("items").size()).isEqualTo(1);
		}
		finally {
			release.countDown();
		}

		ResponseEntity<JsonNode> bought = shopper.checkout(key, Shopper.APPROVED_CARD);
		assertThat(bought.getStatusCode().value()).as(String.valueOf(bought.getBody())).isEqualTo(201);
		assertThat(orderCount(shopper)).isEqualTo(1);
	}

	private long orderCount(Shopper shopper) {
		return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(shopper.id()).query(Long.class).single();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
