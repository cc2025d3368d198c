package io.polyshop.customer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/** A session is written back when it changed, or when its access time moved by the interval; not on every request. */
class SessionTouchesTest {

	private final ConcurrentHashMap<String, Session> stored = new ConcurrentHashMap<>();
	private final SessionTouches sessions = new SessionTouches(new MapSessionRepository(stored), Duration.ofSeconds(60));

	@Test
	void aNewSessionIsWritten() {
		SessionTouches.TrackedSession session = sessions.createSession();
		session.setLastAccessedTime(Instant.now());
		sessions.save(session);
		assertThat(stored).containsKey(session.getId());
	}

	@Test
	void aRequestThatOnlyReadsTheSessionWritesNothingWithinTheInterval() {
		Instant start = saved("a");
		SessionTouches.TrackedSession session = sessions.findById("a");
		session.setLastAccessedTime(start.plusSeconds(30));
		assertThat(session.getAttribute("who").toString()).isEqualTo("ada");
		sessions.save(session);
		assertThat(stored.get("a").getLastAccessedTime()).isEqualTo(start);
	}

	@Test
	void theAccessTimeIsWrittenOncePerInterval() {
		Instant start = saved("b");
		SessionTouches.TrackedSession session = sessions.findById("b");
		session.setLastAccessedTime(start.plusSeconds(61));
		sessions.save(session);
		assertThat(stored.get("b").getLastAccessedTime()).isEqualTo(start.plusSeconds(61));
	}

	@Test
	void aChangedAttributeIsWrittenAtOnce() {
		Instant start = saved("c");
		SessionTouches.TrackedSession session = sessions.findById("c");
		session.setLastAccessedTime(start.plusSeconds(1));
		session.setAttribute("who", "grace");
		sessions.save(session);
		assertThat(stored.get("c").<String>getAttribute("who")).isEqualTo("grace");
		assertThat(stored.get("c").getLastAccessedTime()).isEqualTo(start.plusSeconds(1));
	}

	@Test
	void aNewIdIsWrittenAtOnce() {
		Instant start = saved("d");
		SessionTouches.TrackedSession session = sessions.findById("d");
		session.setLastAccessedTime(start.plusSeconds(1));
		String newId = session.changeSessionId();
		sessions.save(session);
		assertThat(stored).containsKey(newId);
	}

	private Instant saved(String id) {
		MapSession session = new MapSession(id);
		session.setAttribute("who", "ada");
		Instant start = Instant.now().minusSeconds(5);
		session.setLastAccessedTime(start);
		stored.put(id, session);
		return start;
	}
}
