package io.polyshop.support;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
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
		return new SpringApplicationBuilder(PolyshopApplication.class).run(arguments);
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
