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

/**
 * Orders are not taken faster than the outbox delivers their events: a full delivery queue, or one whose oldest
 * delivery has waited too long, holds checkouts back.
 */
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

	@Value("${polyshop.outbox.max-queue-delay}")
	Duration maxQueueDelay;

	@Value("${polyshop.outbox.queue-wait}")
	Duration queueWait;

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
			occupyEveryListenerThread(release);
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

	@Test
	void aCheckoutWhileTheOldestQueuedDeliveryHasWaitedPastTheDelayLimitIsRefusedThoughFewAreQueued() {
		Shopper shopper = readyToCheckOut("Held Back By Age");
		String key = UUID.randomUUID().toString();

		CountDownLatch release = new CountDownLatch(1);
		try {
			occupyEveryListenerThread(release);
			listenerExecutor.getThreadPoolExecutor().execute(() -> { });
			await().until(() -> backlog.oldestWaited().compareTo(maxQueueDelay) > 0);
			assertThat(backlog.queued()).as("deliveries queued: far under the count limit").isLessThan(maxQueued / 2);

			long started = System.nanoTime();
			ResponseEntity<JsonNode> refused = shopper.checkout(key, Shopper.APPROVED_CARD);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(503);
			assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
			assertThat(took).as("it waited for room before refusing").isGreaterThanOrEqualTo(queueWait);
			assertThat(orderCount(shopper)).as("orders of the refused customer").isZero();
		}
		finally {
			release.countDown();
		}

		ResponseEntity<JsonNode> bought = shopper.checkout(key, Shopper.APPROVED_CARD);
		assertThat(bought.getStatusCode().value()).as(String.valueOf(bought.getBody())).isEqualTo(201);
		assertThat(orderCount(shopper)).isEqualTo(1);
	}

	@Test
	void aCheckoutWaitsWhileTheOldestQueuedDeliveryIsTooOldAndBuysOnceItIsTaken() throws Exception {
		Shopper shopper = readyToCheckOut("Waits For The Outbox");

		CountDownLatch release = new CountDownLatch(1);
		Thread releaser = new Thread(() -> {
			sleepQuietly(Duration.ofMillis(700));
			release.countDown();
		});
		try {
			occupyEveryListenerThread(release);
			listenerExecutor.getThreadPoolExecutor().execute(() -> { });
			await().until(() -> backlog.oldestWaited().compareTo(maxQueueDelay) > 0);

			long started = System.nanoTime();
			releaser.start(); // well within queue-wait
			ResponseEntity<JsonNode> bought = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(bought.getStatusCode().value()).as(String.valueOf(bought.getBody())).isEqualTo(201);
			assertThat(took).as("it waited until the old delivery was taken").isGreaterThanOrEqualTo(Duration.ofMillis(600));
			assertThat(orderCount(shopper)).isEqualTo(1);
		}
		finally {
			release.countDown();
			releaser.join();
		}
	}

	private Shopper readyToCheckOut(String name) {
		String sku = Products.create(port, "12.50", 5);
		Shopper shopper = Shopper.register(port, name);
		assertThat(shopper.putInCart(sku, 2).getStatusCode().value()).isEqualTo(200);
		return shopper;
	}

	/**
	 * Every listener thread held until {@code release}. Deliveries of the set-up's own events may still hold threads:
	 * returns once each thread holds one of ours.
	 */
	private void occupyEveryListenerThread(CountDownLatch release) {
		ThreadPoolExecutor pool = listenerExecutor.getThreadPoolExecutor();
		CountDownLatch holding = new CountDownLatch(pool.getCorePoolSize());
		for (int i = 0; i < pool.getCorePoolSize(); i++) {
			pool.execute(() -> {
				holding.countDown();
				awaitQuietly(release);
			});
		}
		await().until(() -> holding.getCount() == 0);
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

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
