package io.polyshop.catalog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.polyshop.catalog.internal.ProductWrites.DraftResolution;

import static org.assertj.core.api.Assertions.assertThat;

class AbandonedDraftsTest {

	@Test
	void resolvesOnlyDraftsOlderThanTheMaximumAgeByTheShopsClock() {
		Instant now = Instant.parse("2026-03-01T09:30:00Z");
		List<Instant> cutoffs = new ArrayList<>();
		ProductWrites writes = new ProductWrites(null, null, null) {
			@Override
			public DraftResolution resolveDraftsCreatedBefore(Instant cutoff) {
				cutoffs.add(cutoff);
				return new DraftResolution(0, 0);
			}
		};

		new AbandonedDrafts(writes, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC)).resolve();

		assertThat(cutoffs).containsExactly(Instant.parse("2026-03-01T09:25:00Z"));
	}
}
