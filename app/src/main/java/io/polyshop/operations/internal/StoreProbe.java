package io.polyshop.operations.internal;

import java.util.Map;

import io.polyshop.stores.Store;

/** Asks one store directly, through its own driver, what it is and what it holds. */
interface StoreProbe {

	Store store();

	/** One cheap round trip to the store (the heartbeat times it); throws when the store does not answer. */
	void ping();

	/** The server's version; throws when the store does not answer. */
	String version();

	/** Record counts per collection, table, key pattern or label, for operators. */
	Map<String, Long> recordCounts();
}
