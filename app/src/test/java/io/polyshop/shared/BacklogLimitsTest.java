package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BacklogLimitsTest {

	private final BacklogLimits limits = new BacklogLimits(100, Duration.ofMillis(300));

	@Test
	void anEmptyQueueHasRoom() {
		assertThat(limits.hasRoom(0, Duration.ZERO)).isTrue();
	}

	@Test
	void fewDeliveriesWaitingBrieflyLeaveRoom() {
		assertThat(limits.hasRoom(99, Duration.ofMillis(299))).isTrue();
	}

	@Test
	void atTheCountCapThereIsNoRoomHoweverYoungTheQueue() {
		assertThat(limits.hasRoom(100, Duration.ZERO)).isFalse();
		assertThat(limits.hasRoom(5_000, Duration.ofMillis(1))).isFalse();
	}

	@Test
	void anOldestDeliveryThatWaitedTheDelayLimitLeavesNoRoomHoweverFewAreQueued() {
		assertThat(limits.hasRoom(1, Duration.ofMillis(300))).isFalse();
		assertThat(limits.hasRoom(1, Duration.ofSeconds(5))).isFalse();
	}

	@Test
	void limitsThatWouldHoldEveryOrderBackAreRefusedAtStart() {
		assertThatThrownBy(() -> new BacklogLimits(0, Duration.ofMillis(300))).hasMessageContaining("max-queued-deliveries");
		assertThatThrownBy(() -> new BacklogLimits(100, Duration.ZERO)).hasMessageContaining("max-queue-delay");
		assertThatThrownBy(() -> new BacklogLimits(100, Duration.ofMillis(-1))).hasMessageContaining("max-queue-delay");
	}
}
