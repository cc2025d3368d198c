package io.polyshop.stores.internal;

import java.util.ArrayList;
import java.util.EnumSet;
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
 * connection pools, Flyway and index creation find their servers), and points the store's URL and credential
 * properties at it; checks that every external store answers. Registered in {@code META-INF/spring.factories}, so it
 * runs for the application and for every test context.
 * <p>
 * The engines' lifetime is the context's: they are released by a disposable bean registered here, before any other
 * bean exists, so it is destroyed last, once the web server has drained its requests and the pools are closed.
 */
public class EmbeddedStoresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_SOURCE = "polyshopEmbeddedStores";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		EmbeddedSettings settings = EmbeddedSettings.from(environment);
		Set<Store> embedded = settings.embeddedStores();
		Set<Store> external = EnumSet.allOf(Store.class);
		external.removeAll(embedded);
		ExternalStoreCheck.verify(settings, external);

		EmbeddedEngines.Acquired acquired = embedded.isEmpty() ? null : EmbeddedEngines.acquire(settings, embedded);
		Map<Store, String> embeddedUrls = acquired == null ? Map.of() : acquired.urls();
		EngineCredentials credentials = acquired == null ? null : acquired.credentials();
		// Destroyed last (registered first), after the connection pools that use the engines are closed.
		((DefaultSingletonBeanRegistry) context.getBeanFactory())
				.registerDisposableBean("embeddedEnginesRelease",
						() -> EmbeddedEngines.release(settings.dataDirectory(), embedded));

		Map<String, Object> properties = new HashMap<>();
		List<StoreLocation> locations = new ArrayList<>();
		for (Store store : Store.values()) {
			if (embedded.contains(store)) {
				String url = embeddedUrls.get(store);
				properties.putAll(connectionProperties(store, url, credentials));
				locations.add(new StoreLocation(store, StoreMode.EMBEDDED, url));
			}
			else {
				locations.add(new StoreLocation(store, StoreMode.EXTERNAL, Addresses.withoutCredentials(settings.configuredUrl(store))));
			}
		}
		properties.put("polyshop.data-dir.resolved", settings.dataDirectory().toString());
		if (credentials != null) {
			properties.put("polyshop.embedded.credentials-file", credentials.file().toString());
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		context.getBeanFactory().registerSingleton("storeLocations", new StoreLocations(locations));
		context.getBeanFactory().registerSingleton("embeddedEnginesStarted", new EmbeddedEnginesStarted(settings.dataDirectory()));
		context.getBeanFactory().registerSingleton("embeddedEngineRestarts", new EngineRestartsMeter(settings.dataDirectory(), embedded));
	}

	/** The embedded engine's URL and the generated credentials, in the properties that feed Spring Boot's clients. */
	private static Map<String, Object> connectionProperties(Store store, String url, EngineCredentials credentials) {
		return switch (store) {
			case POSTGRES -> Map.of(EmbeddedSettings.urlProperty(store), url,
					"polyshop.postgres.user", EngineCredentials.POSTGRES_USER,
					"polyshop.postgres.password", credentials.postgresPassword());
			// Spring Boot takes the password from the URL when there is one
			case REDIS -> Map.of(EmbeddedSettings.urlProperty(store), url.replace("redis://", "redis://default:" + credentials.redisPassword() + "@"));
			case MONGODB -> Map.of(EmbeddedSettings.urlProperty(store), url);
			case NEO4J -> Map.of(EmbeddedSettings.urlProperty(store), url,
					"polyshop.neo4j.user", EngineCredentials.NEO4J_USER,
					"polyshop.neo4j.password", credentials.neo4jPassword());
		};
	}
}
