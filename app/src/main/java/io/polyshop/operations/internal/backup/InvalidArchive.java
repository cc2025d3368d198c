package io.polyshop.operations.internal.backup;

/** The archive is not one this version can restore, or is damaged (truncated, altered): nothing was written. */
public class InvalidArchive extends RuntimeException {

	public InvalidArchive(String message) {
		super(message);
	}

	public InvalidArchive(String message, Throwable cause) {
		super(message, cause);
	}
}
