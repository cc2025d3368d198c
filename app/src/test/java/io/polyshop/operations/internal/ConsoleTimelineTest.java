package io.polyshop.operations.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTimelineTest {

	@Test
	void samplesAreStampedWithTheShopsClockAndTheOldestFallsOff() {
		Instant start = Instant.parse("2026-03-01T09:30:00Z");
		MutableClock clock = new MutableClock(start);
		ConsoleTimeline timeline = new ConsoleTimeline(new SimpleMeterRegistry(), clock);

		for (int i = 0; i <= ConsoleTimeline.CAPACITY; i++) {
			clock.now = start.plusSeconds(5L * i);
			timeline.record(Map.of("postgres", 1.0));
		}

		assertThat(timeline.samples()).hasSize(ConsoleTimeline.CAPACITY);
		assertThat(timeline.samples().get(0).at()).isEqualTo(start.plusSeconds(5));
		assertThat(timeline.samples().get(ConsoleTimeline.CAPACITY - 1).at())
			.isEqualTo(start.plusSeconds(5L * ConsoleTimeline.CAPACITY));
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
