package io.polyshop.support;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.polyshop.PolyshopApplication;

/** Starts a whole Polyshop, as `mvn spring-boot:run` would, on its own data directory and a free HTTP port. */
public final class PolyshopInstance {

	private PolyshopInstance() {
	}

	public static ConfigurableApplicationContext start(Path dataDirectory, String... extraArguments) {
		String[] arguments = new String[extraArguments.length + 4];
		arguments[0] = "--polyshop.data-dir=" + dataDirectory;
		arguments[1] = "--server.port=0";
		arguments[2] = "--spring.main.banner-mode=off";
		// several tests point a store at a server of their own (an external store): the simulator is then chosen explicitly
		arguments[3] = "--polyshop.payment.gateway=simulator";
		System.arraycopy(extraArguments, 0, arguments, 4, extraArguments.length);
		return new SpringApplicationBuilder(PolyshopApplication.class)
				.listeners(LOGGING_ONE_AT_A_TIME.new Take(), LOGGING_ONE_AT_A_TIME.new Give(), LOGGING_ONE_AT_A_TIME.new GiveOnFailure())
				.run(arguments);
	}

	private static final LoggingOneAtATime LOGGING_ONE_AT_A_TIME = new LoggingOneAtATime();

	/**
	 * Instances started at once in one JVM share Logback's one logger context: Spring Boot's logging set-up of one
	 * (which resets that context) must not run while another's is half done ("Unable to find Spring Environment in
	 * logger context"). Each instance takes this lock just before Boot's LoggingApplicationListener configures logging
	 * and gives it back just after. One JVM, one application in production: this is a test concern only.
	 */
	private static final class LoggingOneAtATime {

		private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

		private void release() {
			if (lock.isHeldByCurrentThread()) {
				lock.unlock();
			}
		}

		final class Take implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

			@Override
			public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
				lock.lock();
			}

			@Override
			public int getOrder() {
				return LoggingApplicationListener.DEFAULT_ORDER - 1;
			}
		}

		final class Give implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

			@Override
			public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
				release();
			}

			@Override
			public int getOrder() {
				return LoggingApplicationListener.DEFAULT_ORDER + 1;
			}
		}

		final class GiveOnFailure implements ApplicationListener<ApplicationFailedEvent> {

			@Override
			public void onApplicationEvent(ApplicationFailedEvent event) {
				release();
			}
		}
	}

	/** Another instance, every store of which is the one {@code first} uses (by URL: it starts no engine). */
	public static ConfigurableApplicationContext startOnStoresOf(Environment first, Path dataDirectory, String... extraArguments) {
		String[] stores = { "--polyshop.postgres.url=" + first.getProperty("polyshop.postgres.url"),
				"--polyshop.postgres.user=" + first.getProperty("polyshop.postgres.user", ""),
				"--polyshop.postgres.password=" + first.getProperty("polyshop.postgres.password", ""),
				"--polyshop.redis.url=" + first.getProperty("polyshop.redis.url"),
				"--polyshop.mongodb.uri=" + first.getProperty("polyshop.mongodb.uri"),
				"--polyshop.neo4j.uri=" + first.getProperty("polyshop.neo4j.uri"),
				"--polyshop.neo4j.user=" + first.getProperty("polyshop.neo4j.user", ""),
				"--polyshop.neo4j.password=" + first.getProperty("polyshop.neo4j.password", "") };
		return start(dataDirectory, Stream.concat(Stream.of(stores), Stream.of(extraArguments)).toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}
}
