package io.polyshop.checkout.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTest {

	@ParameterizedTest
	@ValueSource(strings = { "4242424242424242", "4000000000000002", "5555555555554444", "378282246310005", "0" })
	void acceptsNumbersWhoseCheckDigitFits(String number) {
		assertThat(Luhn.isValid(number)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4242424242424241", "4242424242424243", "1234567812345678", "", "4242-4242-4242-4242",
			"42424242424242a2", " 4242424242424242" })
	void refusesTyposAndAnythingButDigits(String number) {
		assertThat(Luhn.isValid(number)).isFalse();
	}
}
