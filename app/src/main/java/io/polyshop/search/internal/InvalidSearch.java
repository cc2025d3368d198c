package io.polyshop.search.internal;

/** A search the index will not run, with the reason a client can act on (answered as 400 problem+json). */
class InvalidSearch extends RuntimeException {

	InvalidSearch(String reason) {
		super(reason);
	}
}
