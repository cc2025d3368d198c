package io.polyshop.checkout.internal;

/** The check digit every payment card number carries, so a typo is caught before anyone is charged. */
final class Luhn {

	private Luhn() {
	}

	static boolean isValid(String digits) {
		int sum = 0;
		boolean doubleIt = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return false;
			}
			if (doubleIt) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubleIt = !doubleIt;
		}
		return !digits.isEmpty() && sum % 10 == 0;
	}
}
