package io.polyshop.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sees the events of one type that the running application publishes, from any thread, while it is open. It is
 * added to the shared test context and removed again: the context's configuration (and cache key) stay the same.
 * For each event it also notes whether a transaction was open when it was published, which is what puts it
 * into the event publication registry (the outbox) together with the data it announces.
 */
public final class RecordedEvents<T> implements ApplicationListener<PayloadApplicationEvent<?>>, AutoCloseable {

	private final ConfigurableApplicationContext context;
	private final Class<T> type;
	private final List<Seen<T>> seen = new CopyOnWriteArrayList<>();

	private RecordedEvents(ConfigurableApplicationContext context, Class<T> type) {
		this.context = context;
		this.type = type;
	}

	public static <T> RecordedEvents<T> of(ConfigurableApplicationContext context, Class<T> type) {
		RecordedEvents<T> events = new RecordedEvents<>(context, type);
		context.addApplicationListener(events);
		return events;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		if (type.isInstance(event.getPayload())) {
			seen.add(new Seen<>(type.cast(event.getPayload()), TransactionSynchronizationManager.isActualTransactionActive()));
		}
	}

	public List<Seen<T>> seen() {
		return List.copyOf(seen);
	}

	@Override
	public void close() {
		context.removeApplicationListener(this);
	}

	public record Seen<T>(T event, boolean inTransaction) {
	}
}
