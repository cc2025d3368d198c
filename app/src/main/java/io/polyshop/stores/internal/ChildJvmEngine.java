package io.polyshop.stores.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An engine run as a child JVM ({@link ChildJvm}): its URL, its current process, its death and its restart. */
abstract class ChildJvmEngine implements EmbeddedEngine {

	private final ChildJvm child;
	private final String url;
	private volatile Process process;

	ChildJvmEngine(ChildJvm child, Process process, String url) {
		this.child = child;
		this.process = process;
		this.url = url;
	}

	@Override
	public final String url() {
		return url;
	}

	@Override
	public final long pid() {
		return process.pid();
	}

	@Override
	public final CompletableFuture<?> terminated() {
		return process.onExit();
	}

	@Override
	public final synchronized void restart() {
		process = child.start().process();
	}

	/** Stops the current process: cleanly, or killed after {@code timeout}; answers it (exited by then). */
	final Process stop(Duration timeout) {
		Process current = process;
		child.stop(current, timeout);
		return current;
	}
}
