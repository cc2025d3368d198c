package io.polyshop.benchmarks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Spring Session's filter does on every request of a signed-in browser: load the session, touch it, save it
 * (and on some requests change an attribute). The product uses its Redis repository; the PostgreSQL-only way is
 * Spring Session's own JDBC repository with its own schema and indexes, so both sides run the same library code.
 */
final class SessionStore {

	/** Longer than the app's 30 minutes so that sessions loaded once survive a full run. */
	static final Duration MAX_INACTIVE = Duration.ofDays(2);

	private final SessionRepository<Session> repository;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private SessionStore(SessionRepository repository) {
		this.repository = repository;
	}

	static SessionStore of(String side, Connections connections) {
		if (side.equals(Sides.POLYGLOT)) {
			RedisSessionRepository redis = new RedisSessionRepository(connections.sessionRedis);
			redis.setRedisKeyNamespace("spring:session"); // the app's spring.session.data.redis.namespace
			redis.setDefaultMaxInactiveInterval(MAX_INACTIVE);
			return new SessionStore(redis);
		}
		JdbcIndexedSessionRepository jdbc = new JdbcIndexedSessionRepository(new JdbcTemplate(connections.pgOnly),
				new TransactionTemplate(new DataSourceTransactionManager(connections.pgOnly)));
		jdbc.setDefaultMaxInactiveInterval(MAX_INACTIVE);
		return new SessionStore(jdbc);
	}

	/** A signed-in session: a security context of the size Spring Security's is, serialized as the app does (JDK). */
	String create(String customer) {
		Session session = repository.createSession();
		// not under SPRING_SECURITY_CONTEXT: the JDBC repository would resolve a principal name from it by expression
		session.setAttribute("SECURITY_CONTEXT", securityContext(customer));
		session.setAttribute("CART_OWNER", customer);
		repository.save(session);
		return session.getId();
	}

	static Serializable securityContext(String customer) {
		Map<String, Serializable> context = new LinkedHashMap<>();
		context.put("principal", customer + "@example.com");
		context.put("authorities", (Serializable) List.of("ROLE_CUSTOMER"));
		context.put("details", "remoteAddress=127.0.0.1, sessionId=null, " + "x".repeat(600));
		return (Serializable) context;
	}

	/** A request that reads the session: load, touch, save (only the access time changes). */
	boolean read(String id) {
		Session session = repository.findById(id);
		if (session == null) {
			return false;
		}
		session.setLastAccessedTime(Instant.now());
		repository.save(session);
		return true;
	}

	/** A request that also writes: one attribute changes. */
	boolean write(String id, String value) {
		Session session = repository.findById(id);
		if (session == null) {
			return false;
		}
		session.setLastAccessedTime(Instant.now());
		session.setAttribute("LAST_VIEWED", value);
		repository.save(session);
		return true;
	}
}
