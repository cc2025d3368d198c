package io.polyshop.search.internal;

import java.time.Duration;

import io.polyshop.shared.Refusal;

/** The index is being built for the first time and has nothing to answer with yet. */
class IndexNotReady extends Refusal {

	IndexNotReady() {
		super(Reason.UNAVAILABLE, "Search index not ready", "The search index is being built; try again in a few seconds.");
		retryingAfter(Duration.ofSeconds(5));
	}
}
