package io.polyshop.documentengine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

/**
 * Makes writes durable before they are acknowledged: a writer takes a ticket after its changes, then waits until a
 * commit that started after its ticket has been written and forced to disk. One commit (one {@code fsync}) covers
 * every writer that arrived while the previous one was running, so concurrent writers share the cost.
 */
final class GroupCommit {

	private final MVStore store;
	private final AtomicLong tickets = new AtomicLong();
	private final ReentrantLock committing = new ReentrantLock();
	private final AtomicLong commits = new AtomicLong();
	private long durable; // guarded by committing

	GroupCommit(MVStore store) {
		this.store = store;
	}

	/** Returns once every change this thread made before the call is on disk. */
	void awaitDurable() {
		long ticket = tickets.incrementAndGet();
		committing.lock();
		try {
			if (durable >= ticket) {
				return; // a commit that started after our ticket covered our changes
			}
			long covered = tickets.get();
			store.commit();
			store.sync();
			commits.incrementAndGet();
			durable = covered;
		}
		finally {
			committing.unlock();
		}
	}

	long commits() {
		return commits.get();
	}
}
