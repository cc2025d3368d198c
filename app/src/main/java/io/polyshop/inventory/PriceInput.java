package io.polyshop.inventory;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

import io.polyshop.shared.Money;
import io.polyshop.shared.Refusal;

/**
 * A price as a client sends it ({@code {"amount":"12.99","currency":"EUR"}}), checked before it becomes
 * {@link Money}: Money would round {@code 12.999} silently, a price from a client is refused instead.
 */
public record PriceInput(BigDecimal amount, String currency) {

	/** The largest price the inventory accepts (its column holds 11 integer digits). */
	public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

	private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

	/** The price as Money, or a 400 problem saying what is wrong with it. */
	public Money toMoney() {
		if (amount == null) {
			throw new Invalid("The price needs an amount, e.g. {\"amount\":\"12.99\",\"currency\":\"EUR\"}.");
		}
		if (amount.signum() < 0) {
			throw new Invalid("A price cannot be negative.");
		}
		if (amount.compareTo(MAX_AMOUNT) > 0) {
			throw new Invalid("A price can be at most " + MAX_AMOUNT.toPlainString() + ".");
		}
		Currency known = knownCurrency();
		int digits = Math.max(known.getDefaultFractionDigits(), 0);
		if (amount.stripTrailingZeros().scale() > digits) {
			throw new Invalid(known.getCurrencyCode() + " amounts have at most " + digits + " decimal places.");
		}
		return new Money(amount, known.getCurrencyCode());
	}

	private Currency knownCurrency() {
		if (currency == null || !CURRENCY_CODE.matcher(currency).matches()) {
			throw new Invalid("The currency must be an ISO 4217 code of three upper-case letters, e.g. EUR.");
		}
		try {
			return Currency.getInstance(currency);
		}
		catch (IllegalArgumentException e) {
			throw new Invalid("Unknown currency '" + currency + "': use an ISO 4217 code such as EUR or USD.");
		}
	}

	/** A price the inventory will not take. */
	public static final class Invalid extends Refusal {

		Invalid(String detail) {
			super(Reason.INVALID, "Invalid price", detail);
		}
	}
}
