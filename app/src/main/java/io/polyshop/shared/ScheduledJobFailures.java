package io.polyshop.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.util.ErrorHandler;

/**
 * What a scheduled job that fails leaves in the log. A store that does not answer is an outage the supervisor and
 * health already report, and the job runs again at its next tick: one WARN line, no stack trace (ShedLock's lock,
 * taken in PostgreSQL before the job starts, fails on every tick while PostgreSQL is down, where no job code can
 * catch it). Anything else is a bug: ERROR with the stack trace.
 */
@Component
class ScheduledJobFailures implements ThreadPoolTaskSchedulerCustomizer, ErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ScheduledJobFailures.class);

	@Override
	public void customize(ThreadPoolTaskScheduler scheduler) {
		scheduler.setErrorHandler(this);
	}

	@Override
	public void handleError(Throwable failure) {
		if (StoreOutages.causedBy(failure)) {
			log.warn("A scheduled job did not run, a store did not answer (it runs again at its next tick): {}", failure.toString());
		}
		else {
			log.error("A scheduled job failed", failure);
		}
	}
}
