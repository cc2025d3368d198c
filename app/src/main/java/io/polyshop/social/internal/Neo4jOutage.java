package io.polyshop.social.internal;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

import io.polyshop.shared.CauseChain;
import io.polyshop.shared.StoreOutages;
import io.polyshop.social.SocialGraphUnavailable;

/** Tells "Neo4j did not answer" (retry later, degrade) apart from a bug in a query (which must surface as one). */
final class Neo4jOutage {

	private Neo4jOutage() {
	}

	static boolean causedBy(Throwable failure) {
		// besides what every store's outage looks like: the driver's own kinds of "not answering", subtypes included
		return StoreOutages.causedBy(failure) || CauseChain.anyMatch(failure, cause -> cause instanceof ServiceUnavailableException
				|| cause instanceof SessionExpiredException || cause instanceof TimeoutException);
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
