package io.polyshop.shared;

import java.net.ConnectException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledJobFailuresTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(ScheduledJobFailures.class);
	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	@BeforeEach
	void capture() {
		logged.start();
		logger.addAppender(logged);
		new ScheduledJobFailures().customize(scheduler);
		scheduler.initialize();
	}

	@AfterEach
	void release() {
		scheduler.shutdown();
		logger.detachAppender(logged);
	}

	@Test
	void aStoreThatDoesNotAnswerIsOneWarnLineWithoutAStackTrace() throws Exception {
		scheduler.schedule(() -> {
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new ConnectException("Connection refused"));
		}, java.time.Instant.now()).get(); // the scheduler's error handler takes the failure; the future ends normally

		assertThat(logged.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getThrowableProxy()).isNull();
		});
	}

	@Test
	void anyOtherFailureIsAnErrorWithItsStackTrace() throws Exception {
		scheduler.schedule(() -> {
			throw new IllegalStateException("a bug");
		}, java.time.Instant.now()).get();

		assertThat(logged.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug");
		});
	}
}
