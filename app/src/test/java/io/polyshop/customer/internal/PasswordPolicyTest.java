package io.polyshop.customer.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

	private static final String EMAIL = "ada.lovelace@example.com";

	@Test
	void acceptsALongPassphrase() {
		assertThatCode(() -> PasswordPolicy.check("correct horse battery", EMAIL)).doesNotThrowAnyException();
	}

	@Test
	void countsCharactersNotBytesForTheMinimum() {
		assertThatCode(() -> PasswordPolicy.check("äöüßéèêëîï", EMAIL)).doesNotThrowAnyException();
		assertThat(refusal("äöüßéèêëî")).contains("at least 10 characters");
	}

	@Test
	void refusesMoreThanBcryptReads() {
		String seventyThreeBytes = "abcd".repeat(18) + "e";
		assertThat(refusal(seventyThreeBytes)).contains("at most 72 bytes");
		assertThatCode(() -> PasswordPolicy.check("abcd".repeat(18), EMAIL)).doesNotThrowAnyException();
	}

	@Test
	void refusesARunOfFewCharacters() {
		assertThat(refusal("abcabcabcabc")).contains("at least 4 different");
	}

	@Test
	void refusesTheEmailOrItsLocalPart() {
		assertThat(refusal("xx" + EMAIL.toUpperCase())).contains("email");
		assertThat(refusal("my ada.lovelace pass")).contains("email");
	}

	private static String refusal(String password) {
		CustomerProblem problem = catchThrowableOfType(CustomerProblem.class, () -> PasswordPolicy.check(password, EMAIL));
		assertThat(problem).as("refused: " + password).isNotNull();
		return problem.detail();
	}
}
