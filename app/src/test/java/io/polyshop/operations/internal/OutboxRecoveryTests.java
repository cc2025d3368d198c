package io.polyshop.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.polyshop.support.PolyshopIntegrationTest;

/** Stuck and completed publications in Spring Modulith's registry table, and what resubmission and purge do with them. */
@PolyshopIntegrationTest
class OutboxRecoveryTests {

	static final String LISTENER = "test.outbox-recovery." + UUID.randomUUID();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxResubmission resubmission;

	@Autowired
	OutboxRetention retention;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MongoTemplate mongo;

	@AfterEach
	void removeRows() {
		jdbc.update("DELETE FROM event_publication WHERE listener_id = ?", LISTENER);
	}

	UUID insert(String status, String publishedAgo, String lastResubmittedAgo, String completedAgo) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				  completion_attempts, last_resubmission_date, completion_date)
				VALUES (?, ?, 'java.lang.String', '"x"', now() - ?::interval, ?, 1,
				  now() - ?::interval, now() - ?::interval)""",
				id, LISTENER, publishedAgo, status, lastResubmittedAgo, completedAgo);
		return id;
	}

	UUID insertAttempts(String status, int attempts, String publishedAgo, String lastResubmittedAgo) {
		UUID id = insert(status, publishedAgo, lastResubmittedAgo, null);
		jdbc.update("UPDATE event_publication SET completion_attempts = ? WHERE id = ?", attempts, id);
		return id;
	}

	int attempts(UUID id) {
		return jdbc.queryForObject("SELECT completion_attempts FROM event_publication WHERE id = ?", Integer.class, id);
	}

	String status(UUID id) {
		return jdbc.queryForObject("SELECT status FROM event_publication WHERE id = ?", String.class, id);
	}

	@Test
	void publicationsLeftInProgressByADeadInstanceBecomeRetriable_freshOnesAreLeftAlone() {
		UUID processing = insert("PROCESSING", "10 minutes", null, null);
		UUID resubmitted = insert("RESUBMITTED", "1 hour", "10 minutes", null);
		UUID published = insert("PUBLISHED", "10 minutes", null, null);
		// published long ago but resubmitted a moment ago: in flight now, not stale
		UUID inFlight = insert("RESUBMITTED", "1 hour", "1 second", null);

		resubmission.markStaleAsFailed();

		assertThat(List.of(status(processing), status(resubmitted), status(published))).containsOnly("FAILED");
		assertThat(status(inFlight)).isEqualTo("RESUBMITTED");
	}

	@Test
	void aFreshFailureIsRetriedWithinSeconds_oneThatKeepsFailingWaitsLonger() {
		// failed on its first delivery two seconds ago (a projection that lost the race for a connection)
		UUID fresh = insert("FAILED", "2 seconds", null, null);
		// failed on its fifth attempt three seconds ago: next attempt 16 s after it
		UUID failingAgain = insertAttempts("FAILED", 5, "1 hour", "3 seconds");

		// the application's own schedule and settings (the job holds its cluster lock, so it is not called directly)
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
				assertThat(attempts(fresh)).as("attempts of a publication that failed 2 s ago").isGreaterThan(1));
		assertThat(attempts(failingAgain)).as("attempts of one whose next try is 16 s after its fifth").isEqualTo(5);
	}

	@Test
	void moreStuckResubmissionsThanTheBatchNeverMakeTheReadLimitNegative() {
		// 600 in flight (fresh): more than the batch of 500
		IntStream.range(0, OutboxResubmission.BATCH + 100).forEach(i -> insert("RESUBMITTED", "1 hour", "1 second", null));

		// the registry's default in-flight maximum reads batchSize - inFlight rows: a negative LIMIT, an SQL error
		assertThatThrownBy(() -> incomplete.resubmitIncompletePublications(
				ResubmissionOptions.defaults().withBatchSize(OutboxResubmission.BATCH).withMinAge(Duration.ofSeconds(30))))
				.isInstanceOf(RuntimeException.class);
		// ours caps in flight at the batch: it waits instead
		incomplete.resubmitIncompletePublications(OutboxResubmission.options(Duration.ofSeconds(30)));
	}

	@Test
	void completedPublicationsAreKeptForTheRetentionThenPurged_incompleteOnesNever() {
		UUID oldCompleted = insert("COMPLETED", "9 days", null, "8 days");
		UUID recentCompleted = insert("COMPLETED", "2 days", null, "1 day");
		UUID oldFailed = insert("FAILED", "9 days", null, null);
		UUID oldProcessing = insert("PROCESSING", "9 days", null, null);

		retention.purge();

		assertThat(jdbc.queryForList("SELECT id FROM event_publication WHERE listener_id = ?", UUID.class, LISTENER))
				.containsExactlyInAnyOrder(recentCompleted, oldFailed, oldProcessing).doesNotContain(oldCompleted);
	}

	/**
	 * Every outbox delivery runs in a PostgreSQL transaction, most write only to another store: with every pooled
	 * connection taken (a burst of checkouts), such a delivery still runs, since its transaction takes a connection
	 * only at its first statement. Held from the start, it failed after the pool's time-out (and so did marking it
	 * failed: its projection then waited minutes).
	 */
	@Test
	void aDeliveryThatWritesOnlyToAnotherStoreNeedsNoPostgresConnection() throws Exception {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		List<java.sql.Connection> taken = new java.util.ArrayList<>();
		try {
			while (taken.size() < pool.getMaximumPoolSize()) { // until the pool has none left (others may hold some)
				try {
					taken.add(pool.getConnection());
				}
				catch (java.sql.SQLTransientConnectionException exhausted) {
					break;
				}
			}
			assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isZero();
			TransactionTemplate delivery = new TransactionTemplate(transactions);
			delivery.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			String id = "lazy-" + UUID.randomUUID();

			delivery.executeWithoutResult(status -> mongo.save(new org.bson.Document("_id", id), "outbox_recovery_test"));

			assertThat(mongo.findById(id, org.bson.Document.class, "outbox_recovery_test")).isNotNull();
		}
		finally {
			for (java.sql.Connection connection : taken) {
				connection.close();
			}
			mongo.dropCollection("outbox_recovery_test");
		}
	}
}
