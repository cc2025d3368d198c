package io.polyshop.search;

import java.time.Instant;

/**
 * The search index as an operator sees it.
 *
 * @param documents products in the index
 * @param sizeBytes bytes on disk
 * @param caughtUpTo every inventory change up to this instant is in the index
 * @param lagSeconds how stale the index may be now (seconds since {@code caughtUpTo})
 * @param rebuilding whether a rebuild is running
 * @param rebuildProgress products indexed so far by the running (or last) rebuild
 * @param directory where the index lives
 */
public record IndexStatus(long documents, long sizeBytes, Instant caughtUpTo, double lagSeconds, boolean rebuilding,
		long rebuildProgress, String directory) {
}
