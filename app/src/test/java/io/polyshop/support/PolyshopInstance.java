package io.polyshop.support;

import java.nio.file.Path;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}
}
