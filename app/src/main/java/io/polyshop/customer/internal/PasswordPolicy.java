package io.polyshop.customer.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a new password must be: long enough to resist guessing (length matters more than character classes),
 * at most 72 bytes because bcrypt ignores the rest, not a run of one or two characters, and not the email.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;
	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	static void check(String password, String email) {
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw CustomerProblem.weakPassword("The password must have at least " + MIN_LENGTH + " characters.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw CustomerProblem.weakPassword("The password must be at most " + MAX_BYTES + " bytes long.");
		}
		if (password.codePoints().distinct().count() < 4) {
			throw CustomerProblem.weakPassword("The password repeats too few different characters; use at least 4 different ones.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String localPart = email.toLowerCase(Locale.ROOT).split("@", 2)[0];
		if (lower.contains(email.toLowerCase(Locale.ROOT)) || (localPart.length() >= 4 && lower.contains(localPart))) {
			throw CustomerProblem.weakPassword("The password must not contain the email address.");
		}
	}
}
