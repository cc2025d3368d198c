package io.polyshop.shared;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

	@Test
	void keepsTheCurrencysMinorUnits() {
		assertThat(Money.of("12.5", "EUR").amount()).isEqualByComparingTo("12.50").hasScaleOf(2);
		assertThat(Money.of("1200", "JPY").amount()).hasScaleOf(0);
	}

	@Test
	void roundsHalfEvenToTheMinorUnit() {
		assertThat(Money.of("0.125", "EUR").amount()).isEqualTo(new BigDecimal("0.12"));
		assertThat(Money.of("0.135", "EUR").amount()).isEqualTo(new BigDecimal("0.14"));
	}

	@Test
	void addsAndMultipliesExactly() {
		Money price = Money.of("0.10", "EUR");
		assertThat(price.times(3).plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.50", "EUR"));
		assertThat(Money.zero("EUR").plus(price.times(0))).isEqualTo(Money.zero("EUR"));
	}

	@Test
	void neverAddsTwoCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
				.withMessageContaining("USD").withMessageContaining("EUR");
	}

	@Test
	void refusesAnUnknownCurrency() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "XYZ1"));
	}

	@Test
	void knowsWhenItIsNegative() {
		assertThat(Money.of("-0.01", "EUR").isNegative()).isTrue();
		assertThat(Money.zero("EUR").isNegative()).isFalse();
	}
}
