package io.polyshop.cart.internal;

import org.junit.jupiter.api.Test;

import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.Money;
import io.polyshop.shared.Refusal;
import io.polyshop.shared.Refusal.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cart's rules on a quantity, without Redis or PostgreSQL. */
class RequestedQuantityTest {

	private static final StockLevel THREE_LEFT = new StockLevel("LAMP-1", Money.of("30.00", "EUR"), 3, 5, 2);

	@Test
	void aLineCanBeSetToZeroOrMoreButNotToNothingOrBelowZero() {
		assertThat(RequestedQuantity.toSet(0).value()).isZero();
		assertThat(RequestedQuantity.toSet(7).value()).isEqualTo(7);
		assertRefused(() -> RequestedQuantity.toSet(null), Reason.INVALID, "required");
		assertRefused(() -> RequestedQuantity.toSet(-1), Reason.INVALID, "0 or more");
	}

	@Test
	void addingNeedsAtLeastOne() {
		assertThat(RequestedQuantity.toAdd(1).value()).isOne();
		assertRefused(() -> RequestedQuantity.toAdd(0), Reason.INVALID, "at least 1");
		assertRefused(() -> RequestedQuantity.toAdd(-2), Reason.INVALID, "0 or more");
	}

	@Test
	void noMoreThanTheInventoryCanSellNow() {
		assertThat(RequestedQuantity.toSet(3).within(THREE_LEFT)).isEqualTo(3);
		assertRefused(() -> RequestedQuantity.toSet(4).within(THREE_LEFT), Reason.CONFLICT, "Only 3 of LAMP-1 available");
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable change, Reason reason, String detail) {
		assertThatThrownBy(change).isInstanceOfSatisfying(Refusal.class, refusal -> {
			assertThat(refusal.reason()).isEqualTo(reason);
			assertThat(refusal.detail()).contains(detail);
		});
	}
}
