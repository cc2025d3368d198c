package io.polyshop.social;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.checkout.OrderCompleted;
import io.polyshop.customer.CustomerRegistered;

import static org.awaitility.Awaitility.await;

/**
 * Builds graphs for the social tests the way production does: by publishing the customer and checkout events
 * inside a PostgreSQL transaction (so they go through the outbox and the module's listeners) and waiting until
 * the social module's listeners have completed them.
 */
record SocialFixtures(ApplicationContext context, String prefix) {

	static SocialFixtures in(ApplicationContext context) {
		return new SocialFixtures(context, "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
	}

	/** A test-unique id: tests share the stores, so every node a test builds carries its prefix. */
	String id(String name) {
		return prefix + name;
	}

	/** Registers customers with public profiles, each named after its id suffix, and waits until the graph has them. */
	void register(String... names) {
		publish(Arrays.stream(names).map(name -> new CustomerRegistered(id(name), name, name + "@example.test", null, Instant.now(), false))
				.toArray());
	}

	/** Registers customers with private profiles (the default at registration): following them needs their approval. */
	void registerPrivate(String... names) {
		publish(Arrays.stream(names).map(name -> new CustomerRegistered(id(name), name, name + "@example.test", null, Instant.now()))
				.toArray());
	}

	void registerReferred(String name, String referrer) {
		publish(new CustomerRegistered(id(name), name, name + "@example.test", id(referrer), Instant.now(), false));
	}

	/** Completes an order (returns its id) and waits until the social module has projected it. */
	String purchase(String customer, Instant at, String... skus) {
		String orderId = UUID.randomUUID().toString();
		publish(order(orderId, customer, at, skus));
		return orderId;
	}

	OrderCompleted order(String orderId, String customer, Instant at, String... skus) {
		List<OrderCompleted.Line> lines = Arrays.stream(skus).map(sku -> new OrderCompleted.Line(id(sku), "Title of " + sku, 1)).toList();
		return new OrderCompleted(orderId, id(customer), lines, at);
	}

	/** Publishes in one JDBC transaction, as the owning modules do, and waits for the social listeners to finish. */
	void publish(Object... events) {
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
			ApplicationEventPublisher publisher = context;
			Arrays.stream(events).forEach(publisher::publishEvent);
		});
		awaitSocialListeners();
	}

	/** Until no publication of this test's events to a social listener is incomplete (whatever the completion mode). */
	void awaitSocialListeners() {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject("""
				SELECT count(*) FROM event_publication
				WHERE completion_date IS NULL AND listener_id LIKE 'io.polyshop.social.%' AND serialized_event LIKE ?""",
				Long.class, "%" + prefix + "%") == 0);
	}

	long count(String cypher) {
		return context.getBean(Neo4jClient.class).query(cypher).bind(prefix).to("prefix").fetchAs(Long.class).one().orElseThrow();
	}
}
