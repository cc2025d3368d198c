package io.polyshop.checkout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.polyshop.shared.Refusal;

class CheckoutAdmissionTest {

	@Test
	void pastTheMaximumACheckoutWaitsThenIsRefusedAsUnavailable() throws Exception {
		CheckoutAdmission admission = new CheckoutAdmission(1, Duration.ofMillis(100));
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch leave = new CountDownLatch(1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> admission.admit(() -> {
			inside.countDown();
			await(leave);
			return "first";
		}));
		inside.await();

		assertThatThrownBy(() -> admission.admit(() -> "second")).isInstanceOfSatisfying(Refusal.class,
				refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNAVAILABLE));

		leave.countDown();
		assertThat(first.get()).isEqualTo("first");
		assertThat(admission.admit(() -> "third")).isEqualTo("third");
	}

	@Test
	void aFailingCheckoutGivesItsPermitBack() {
		CheckoutAdmission admission = new CheckoutAdmission(2, Duration.ofMillis(100));
		assertThatThrownBy(() -> admission.admit(() -> { throw new IllegalStateException("rolled back"); }))
				.hasMessage("rolled back");
		assertThat(admission.available()).isEqualTo(2);
	}

	@Test
	void noPermitAtAllIsAConfigurationError() {
		assertThatThrownBy(() -> new CheckoutAdmission(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
