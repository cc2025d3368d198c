package io.polyshop.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "a store did not answer" (a 503: try again shortly) apart from a bug. Looks through the whole cause chain,
 * since each driver wraps differently: Spring's translated exceptions, and the drivers' own connection failures
 * that reach us untranslated (Lettuce's "not connected" inside a {@code RedisSystemException}, PostgreSQL's
 * connection and shutdown states 08xxx and 57Pxx, MongoDB's socket and server selection failures, Neo4j's
 * unavailable service and connection pool time-out).
 */
public final class StoreOutages {

	/** Seconds a client should wait before retrying; a supervised engine is back within seconds. */
	public static final String RETRY_AFTER_SECONDS = "5";

	private StoreOutages() {
	}

	public static boolean causedBy(Throwable failure) {
		return CauseChain.anyMatch(failure, StoreOutages::isOutage);
	}

	private static boolean isOutage(Throwable cause) {
		if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
				|| cause instanceof QueryTimeoutException || cause instanceof RecoverableDataAccessException
				|| cause instanceof CannotCreateTransactionException || cause instanceof ConnectException
				|| cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
				|| cause instanceof SQLRecoverableException) {
			return true;
		}
		if (cause instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
			return true;
		}
		String type = cause.getClass().getName();
		if (type.equals("io.lettuce.core.RedisConnectionException") || type.equals("io.lettuce.core.RedisCommandTimeoutException")
				|| (type.equals("io.lettuce.core.RedisException") && String.valueOf(cause.getMessage()).contains("not connected"))
				|| type.startsWith("com.mongodb.MongoSocket") || type.equals("com.mongodb.MongoTimeoutException")
				|| type.equals("org.neo4j.driver.exceptions.ServiceUnavailableException")
				|| type.equals("org.neo4j.driver.exceptions.SessionExpiredException")) {
			return true;
		}
		// a pool whose connections are all busy for longer than the acquisition timeout: Neo4j's driver says so with a
		// ClientException (which also means "bad query"), so only the one caused by the wait counts
		if (type.equals("org.neo4j.driver.exceptions.ClientException") && cause.getCause() instanceof java.util.concurrent.TimeoutException) {
			return true;
		}
		return false;
	}
}
