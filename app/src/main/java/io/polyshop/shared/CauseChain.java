package io.polyshop.shared;

import java.util.Optional;
import java.util.function.Predicate;

/** A failure and its causes, outermost first: drivers and Spring wrap each other, so a check looks at all of them. */
public final class CauseChain {

	/** Deep enough for any real wrapping, short enough to end a chain that loops back on itself. */
	private static final int MAX_DEPTH = 64;

	private CauseChain() {
	}

	public static boolean anyMatch(Throwable failure, Predicate<Throwable> test) {
		return first(failure, test).isPresent();
	}

	public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		return first(failure, type::isInstance).map(type::cast);
	}

	private static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
			if (test.test(cause)) {
				return Optional.of(cause);
			}
		}
		return Optional.empty();
	}
}
