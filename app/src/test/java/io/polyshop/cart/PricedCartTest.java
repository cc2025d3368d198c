package io.polyshop.cart;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** The one pricing of a cart, which the cart view shows and checkout charges. */
class PricedCartTest {

	private static final Map<String, StockLevel> STOCK = Map.of(
			"BOOK-1", new StockLevel("BOOK-1", Money.of("9.50", "EUR"), 5, 5, 0),
			"BOOK-2", new StockLevel("BOOK-2", Money.of("2.25", "EUR"), 1, 3, 2),
			"LAMP-1", new StockLevel("LAMP-1", Money.of("30.00", "USD"), 9, 9, 0));

	@Test
	void oneCurrencyHasOneTotal() {
		PricedCart cart = PricedCart.of(List.of(new CartItem("BOOK-1", 2), new CartItem("BOOK-2", 1)), STOCK, Map.of("BOOK-1", "A book"));

		assertThat(cart.total()).contains(Money.of("21.25", "EUR"));
		assertThat(cart.totals()).containsExactly(Money.of("21.25", "EUR"));
		assertThat(cart.mixesCurrencies()).isFalse();
		assertThat(cart.lines()).extracting(PricedCart.Line::title).containsExactly("A book", "BOOK-2");
		assertThat(cart.lines().get(0).lineTotal()).isEqualTo(Money.of("19.00", "EUR"));
	}

	@Test
	void mixedCurrenciesHaveATotalPerCurrencyAndNoSingleTotal() {
		PricedCart cart = PricedCart.of(List.of(new CartItem("LAMP-1", 1), new CartItem("BOOK-1", 2), new CartItem("BOOK-2", 1)),
				STOCK, Map.of());

		assertThat(cart.mixesCurrencies()).isTrue();
		assertThat(cart.total()).isEmpty();
		assertThat(cart.totals()).containsExactly(Money.of("21.25", "EUR"), Money.of("30.00", "USD"));
	}

	@Test
	void unknownSkusAndShortLinesAreNamed() {
		PricedCart cart = PricedCart.of(List.of(new CartItem("GONE-1", 1), new CartItem("BOOK-2", 2)), STOCK, Map.of());

		assertThat(cart.unknownSkus()).containsExactly("GONE-1");
		assertThat(cart.lines()).extracting(PricedCart.Line::sku).containsExactly("BOOK-2");
		assertThat(cart.shortSkus()).containsExactly("BOOK-2");
	}

	@Test
	void anEmptyCartHasNoTotal() {
		PricedCart cart = PricedCart.of(List.of(), STOCK, Map.of());

		assertThat(cart.total()).isEmpty();
		assertThat(cart.totals()).isEmpty();
	}
}
