package io.polyshop;

import java.util.OptionalInt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.polyshop.operations.StoreCommands;

/**
 * Polyshop: an e-commerce backend where each kind of data lives in the store made for it.
 * Each top-level package is an application module (Spring Modulith); see {@code docs/modules}.
 */
@SpringBootApplication
public class PolyshopApplication {

	public static void main(String[] args) {
		if (StoreCommands.handles(args)) { // backup / restore: run once and exit
			System.exit(StoreCommands.run(PolyshopApplication.class, args));
		}
		OptionalInt exitCode = ClassArchiveRelaunch.runInChild(args); // from the executable jar: see there why
		if (exitCode.isPresent()) {
			System.exit(exitCode.getAsInt());
		}
		ClassArchiveRelaunch.watchLauncher();
		SpringApplication.run(PolyshopApplication.class, args);
	}

	/** Schedules run unless a one-shot command (backup, restore) switches them off. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnBooleanProperty(name = "polyshop.scheduling.enabled", matchIfMissing = true)
	static class Scheduling {
	}
}
