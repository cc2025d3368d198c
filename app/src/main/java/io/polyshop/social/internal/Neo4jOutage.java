package io.polyshop.social.internal;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.polyshop.social.SocialGraphUnavailable;

/** Tells "Neo4j did not answer" (retry later, degrade) apart from a bug in a query (which must surface as one). */
final class Neo4jOutage {

	private Neo4jOutage() {
	}

	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServiceUnavailableException || cause instanceof SessionExpiredException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
					|| cause instanceof QueryTimeoutException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TimeoutException || cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** Runs a graph operation; an unreachable Neo4j becomes a 503 that says nothing was changed. */
	static <T> T refused(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException e) {
			if (causedBy(e)) {
				throw new SocialGraphUnavailable(e);
			}
			throw e;
		}
	}
}
