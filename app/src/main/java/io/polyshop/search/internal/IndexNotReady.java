package io.polyshop.search.internal;

/** The index is being built for the first time and has nothing to answer with yet (503 with Retry-After). */
class IndexNotReady extends RuntimeException {

	IndexNotReady() {
		super("The search index is being built; try again in a few seconds.");
	}
}
