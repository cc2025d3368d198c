package io.polyshop.customer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Spring Session writes the session back to Redis after every request that used it, if only to move its last-access
 * time forward: two more Redis round trips (HMSET, PEXPIRE) on every signed-in request, though nothing changed. This
 * wraps the session repository so that a session is written when something in it changed (new, new id, an attribute,
 * its timeout) and otherwise at most once per {@code touchInterval}. The price: an idle session may expire up to one
 * interval before its full timeout (by default 1 min of 30).
 */
final class SessionTouches implements SessionRepository<SessionTouches.TrackedSession> {

	private final SessionRepository<Session> sessions;
	private final Duration touchInterval;

	@SuppressWarnings("unchecked")
	SessionTouches(SessionRepository<? extends Session> sessions, Duration touchInterval) {
		this.sessions = (SessionRepository<Session>) sessions;
		this.touchInterval = touchInterval;
	}

	/** Wraps Spring Session's repository bean wherever it comes from (Redis by default). */
	static BeanPostProcessor wrapping(Duration touchInterval) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof SessionRepository<?> repository && !(bean instanceof SessionTouches)
						? new SessionTouches(repository, touchInterval)
						: bean;
			}
		};
	}

	@Override
	public TrackedSession createSession() {
		return new TrackedSession(sessions.createSession(), true);
	}

	@Override
	public void save(TrackedSession session) {
		if (session.pendingAccess != null) {
			boolean due = !session.pendingAccess.isBefore(session.delegate.getLastAccessedTime().plus(touchInterval));
			if (!session.changed && !due) {
				return; // only the access time moved, and not by much: Redis keeps the last write's
			}
			session.delegate.setLastAccessedTime(session.pendingAccess);
			session.pendingAccess = null;
		}
		sessions.save(session.delegate);
		session.changed = false;
	}

	@Override
	public TrackedSession findById(String id) {
		Session found = sessions.findById(id);
		return found == null ? null : new TrackedSession(found, false);
	}

	@Override
	public void deleteById(String id) {
		sessions.deleteById(id);
	}

	/** A session that remembers whether anything but its access time changed. */
	static final class TrackedSession implements Session {

		private final Session delegate;
		private boolean changed;
		private Instant pendingAccess;

		TrackedSession(Session delegate, boolean changed) {
			this.delegate = delegate;
			this.changed = changed;
		}

		@Override
		public String getId() {
			return delegate.getId();
		}

		@Override
		public String changeSessionId() {
			changed = true;
			return delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return delegate.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			changed = true;
			delegate.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			changed = true;
			delegate.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return delegate.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			pendingAccess = lastAccessedTime;
		}

		@Override
		public Instant getLastAccessedTime() {
			return pendingAccess != null ? pendingAccess : delegate.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			changed = true;
			delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return delegate.isExpired();
		}
	}
}
