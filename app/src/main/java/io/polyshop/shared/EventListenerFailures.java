package io.polyshop.shared;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * What an event listener that fails, or is cut off by a stop, leaves in the log. Every listener of a module event
 * runs from the outbox: a delivery that fails stays incomplete and is delivered again (after the resubmission
 * interval, or at the next start), so a failure is not lost work. A store that does not answer: one WARN line, no
 * stack trace. Anything else is a bug: ERROR with the stack trace.
 * <p>
 * At a stop, deliveries still queued are dropped once the web server has finished its requests and before the stores'
 * clients close, instead of running against closed clients and logging a stack trace each: they stay incomplete in
 * the outbox and the next start (or another instance) delivers them. One INFO line says how many.
 */
@Component
class EventListenerFailures implements AsyncConfigurer, AsyncUncaughtExceptionHandler, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventListenerFailures.class);

	private final ListenerBacklog backlog;
	private final AtomicBoolean running = new AtomicBoolean();
	private volatile boolean stopping;

	EventListenerFailures(ListenerBacklog backlog) {
		this.backlog = backlog;
	}

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return this;
	}

	@Override
	public void handleUncaughtException(Throwable failure, Method listener, Object... arguments) {
		String name = listener.getDeclaringClass().getSimpleName() + "." + listener.getName();
		if (stopping) {
			log.debug("Event listener {} cut off by the stop; delivered again from the outbox: {}", name, failure.toString());
		}
		else if (StoreOutages.causedBy(failure)) {
			log.warn("Event listener {} failed, a store did not answer (delivered again from the outbox): {}", name, failure.toString());
		}
		else {
			log.error("Event listener {} failed (delivered again from the outbox)", name, failure);
		}
	}

	@Override
	public void start() {
		running.set(true);
	}

	@Override
	public void stop() {
		stopping = true;
		running.set(false);
		int dropped = backlog.dropQueued();
		if (dropped > 0) {
			log.info("Stopping: {} queued event deliveries left incomplete in the outbox for the next start", dropped);
		}
	}

	@Override
	public boolean isRunning() {
		return running.get();
	}

	/**
	 * After the web server's graceful shutdown (no request publishes anything any more) and before the web server and
	 * the stores' clients stop.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1536;
	}
}
