package io.polyshop.search;

import java.util.Arrays;
import java.util.Optional;

/** The orders a search can be sorted in; the parameter value is the lower-case name with {@code -} for descending. */
public enum SearchSort {

	RELEVANCE("relevance"), PRICE("price"), PRICE_DESC("-price"), TITLE("title"), TITLE_DESC("-title");

	private final String parameter;

	SearchSort(String parameter) {
		this.parameter = parameter;
	}

	public String parameter() {
		return parameter;
	}

	public static Optional<SearchSort> fromParameter(String value) {
		return Arrays.stream(values()).filter(sort -> sort.parameter.equals(value)).findFirst();
	}
}
