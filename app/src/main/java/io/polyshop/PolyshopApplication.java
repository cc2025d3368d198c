package io.polyshop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Polyshop: an e-commerce backend where each kind of data lives in the store made for it.
 * Each top-level package is an application module (Spring Modulith); see {@code docs/modules}.
 */
@SpringBootApplication
@EnableScheduling
public class PolyshopApplication {

	public static void main(String[] args) {
		SpringApplication.run(PolyshopApplication.class, args);
	}
}
