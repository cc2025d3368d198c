package io.polyshop.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;

class RedeliveryBackoffTest {

	static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
	final RedeliveryBackoff backoff = new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

	@Test
	void theWaitDoublesWithEachAttemptUpToTheMaximum() {
		assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
		assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofMinutes(2));
		assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void aFirstFailureIsDueSecondsAfterItsPublication() {
		assertThat(backoff.due(failed(1, NOW.minusMillis(1500), null), NOW)).isTrue();
		assertThat(backoff.due(failed(1, NOW.minusMillis(500), null), NOW)).isFalse();
	}

	@Test
	void aRetriedFailureWaitsFromItsLastAttempt() {
		Instant longAgo = NOW.minus(Duration.ofHours(1));
		assertThat(backoff.due(failed(5, longAgo, NOW.minusSeconds(10)), NOW)).as("16 s after the fifth attempt").isFalse();
		assertThat(backoff.due(failed(5, longAgo, NOW.minusSeconds(16)), NOW)).isTrue();
		assertThat(backoff.due(failed(40, longAgo, NOW.minusSeconds(119)), NOW)).isFalse();
		assertThat(backoff.due(failed(40, longAgo, NOW.minusSeconds(120)), NOW)).isTrue();
	}

	@Test
	void aMaximumBelowTheFirstWaitIsRefused() {
		assertThatThrownBy(() -> new RedeliveryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RedeliveryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
				.isInstanceOf(IllegalArgumentException.class);
	}

	static EventPublication failed(int attempts, Instant published, Instant lastResubmitted) {
		return new EventPublication() {
			public UUID getIdentifier() { return UUID.randomUUID(); }
			public Object getEvent() { return "event"; }
			public Instant getPublicationDate() { return published; }
			public Optional<Instant> getCompletionDate() { return Optional.empty(); }
			public Status getStatus() { return Status.FAILED; }
			public Instant getLastResubmissionDate() { return lastResubmitted; }
			public int getCompletionAttempts() { return attempts; }
		};
	}
}
