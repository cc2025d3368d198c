package io.polyshop.stores.internal;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Polyshop cannot start for a reason the operator fixes outside of it (a store URL that does not answer, a data
 * directory in use). Reported as one line, without a stack trace, by {@link StartupRefusals}; the process exits
 * with status {@value #EXIT_CODE}.
 */
final class StartupRefused extends RuntimeException implements ExitCodeGenerator {

	static final int EXIT_CODE = 2;

	StartupRefused(String message) {
		super(message, null, false, false);
	}

	@Override
	public int getExitCode() {
		return EXIT_CODE;
	}
}
