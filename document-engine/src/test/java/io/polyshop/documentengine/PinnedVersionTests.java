package io.polyshop.documentengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Iterator;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long read while the store commits and compacts underneath it: what the background thread does at a million documents. */
class PinnedVersionTests {

	private static final int ENTRIES = 4000;

	@TempDir
	Path directory;

	@Test
	void aPinnedReadSeesItsVersionToTheEndWhileTheFileIsCompacted() {
		Path file = directory.resolve("pinned.mv");
		try (MVStore store = open(file)) {
			MVMap<String, String> data = store.openMap("data");
			for (int i = 0; i < ENTRIES; i++) {
				data.put(key(i), "first " + i);
				if (i % 500 == 0) {
					store.commit();
				}
			}
			for (int i = 0; i < ENTRIES; i += 2) { // half of every chunk dead: worth compacting
				data.put(key(i), "second " + i);
				if (i % 500 == 0) {
					store.commit();
				}
			}
		}
		try (MVStore store = open(file)) { // reopened: the read comes from the file, not from pages in memory
			MVMap<String, String> data = store.openMap("data");
			MVMap<String, String> other = store.openMap("other");
			int read = 0;
			try (PinnedVersion pinned = PinnedVersion.of(store)) {
				for (Iterator<String> keys = data.keyIterator(null); keys.hasNext(); keys.next()) {
					read++;
					if (read % 500 == 0) { // meanwhile: a write, its commit, and a compaction
						other.put("tick", Integer.toString(read));
						store.commit();
						store.compact(95, 16 << 20);
					}
				}
			}
			assertThat(read).isEqualTo(ENTRIES);
		}
	}

	/** Freed chunks are reused at once (the engine keeps H2's 45 s), so that a test need not outlast the retention time. */
	private static MVStore open(Path file) {
		MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
		store.setVersionsToKeep(0);
		store.setRetentionTime(0);
		return store;
	}

	private static String key(int i) {
		return String.format("key-%06d", i);
	}
}
