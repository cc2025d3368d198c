package io.polyshop.documentengine;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStore.TxCounter;

/**
 * Keeps the pages of the store version a read started on until the read ends. The MVStore's background thread
 * compacts the file (rewrites sparse chunks and frees the old ones) while reads run; a read that still walks an
 * older version then fails with "Chunk n not found" (seen at a million documents on a read of a few seconds). A
 * registered version is never freed, so a read sees one consistent version to its end.
 */
final class PinnedVersion implements AutoCloseable {

	private final MVStore store;
	private final TxCounter counter;

	private PinnedVersion(MVStore store) {
		this.store = store;
		this.counter = store.registerVersionUsage();
	}

	static PinnedVersion of(MVStore store) {
		return new PinnedVersion(store);
	}

	@Override
	public void close() {
		store.deregisterVersionUsage(counter);
	}
}
