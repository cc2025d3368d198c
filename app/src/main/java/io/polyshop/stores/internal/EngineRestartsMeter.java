package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.util.Set;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.polyshop.stores.Store;

/** {@code polyshop.store.restarts{store=...}}: how often an embedded engine died and was started again. */
final class EngineRestartsMeter implements MeterBinder {

	static final String METER = "polyshop.store.restarts";

	private final Path dataDirectory;
	private final Set<Store> embedded;

	EngineRestartsMeter(Path dataDirectory, Set<Store> embedded) {
		this.dataDirectory = dataDirectory;
		this.embedded = Set.copyOf(embedded);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Store store : embedded) {
			FunctionCounter.builder(METER, this, meter -> EmbeddedEngines.restarts(meter.dataDirectory, store))
					.description("Embedded engine deaths followed by a restart")
					.tag("store", store.id())
					.register(registry);
		}
	}
}
