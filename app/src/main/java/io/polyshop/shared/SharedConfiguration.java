package io.polyshop.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

	/** One clock for every module, so tests and time-dependent rules agree on "now". */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
