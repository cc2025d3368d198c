package io.polyshop.stores.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocation;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;

/**
 * Starts an embedded engine for every store that has no URL configured, before any bean exists (so that
 * connection pools, Flyway and index creation find their servers), and points the store's URL property at it.
 * Registered in {@code META-INF/spring.factories}, so it runs for the application and for every test context.
 */
public class EmbeddedStoresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_SOURCE = "polyshopEmbeddedStores";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		EmbeddedSettings settings = EmbeddedSettings.from(environment);
		Set<Store> embedded = settings.embeddedStores();

		Map<Store, String> embeddedUrls = embedded.isEmpty() ? Map.of() : EmbeddedEngines.acquire(settings, embedded);
		// Destroyed last (registered first), after the connection pools that use the engines are closed.
		((DefaultSingletonBeanRegistry) context.getBeanFactory())
				.registerDisposableBean("embeddedEnginesRelease",
						() -> EmbeddedEngines.release(settings.dataDirectory(), embedded));

		Map<String, Object> properties = new HashMap<>();
		List<StoreLocation> locations = new ArrayList<>();
		for (Store store : Store.values()) {
			if (embedded.contains(store)) {
				properties.put(EmbeddedSettings.urlProperty(store), embeddedUrls.get(store));
				locations.add(new StoreLocation(store, StoreMode.EMBEDDED, embeddedUrls.get(store)));
			}
			else {
				locations.add(new StoreLocation(store, StoreMode.EXTERNAL, Addresses.withoutCredentials(settings.configuredUrl(store))));
			}
		}
		properties.put("polyshop.data-dir.resolved", settings.dataDirectory().toString());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		context.getBeanFactory().registerSingleton("storeLocations", new StoreLocations(locations));
		context.getBeanFactory().registerSingleton("embeddedEnginesStarted", new EmbeddedEnginesStarted(settings.dataDirectory()));
	}
}
