package io.polyshop.inventory;

import java.util.regex.Pattern;

import io.polyshop.shared.Refusal;

/**
 * A stock keeping unit: upper-case letters, digits and dashes, 2 to 40 characters, starting with a letter or
 * digit. Anything else (lower case, spaces, slashes, quotes, {@code $}) is refused before it reaches a store.
 */
public record Sku(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");

	public Sku {
		if (!isWellFormed(value)) {
			throw new Malformed(value);
		}
	}

	public static Sku of(String value) {
		return new Sku(value);
	}

	public static boolean isWellFormed(String value) {
		return value != null && FORMAT.matcher(value).matches();
	}

	@Override
	public String toString() {
		return value;
	}

	/** The value cannot be a SKU, so no store is asked about it. */
	public static final class Malformed extends Refusal {

		Malformed(String value) {
			super(Reason.INVALID, "Malformed SKU",
					"A SKU is 2 to 40 characters: upper-case letters A-Z, digits and '-', starting with a letter or digit"
							+ (value == null || value.isBlank() ? " (none was given)." : "."));
		}
	}
}
