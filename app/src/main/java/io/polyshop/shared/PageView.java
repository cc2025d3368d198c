package io.polyshop.shared;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as every list in the API answers: {@code {"items":[...],"page":n,"size":n,"total":n}}. */
public record PageView<T>(List<T> items, int page, int size, long total) {

	public <R> PageView<R> map(Function<? super T, ? extends R> mapper) {
		return new PageView<>(items.stream().<R>map(mapper).toList(), page, size, total);
	}
}
