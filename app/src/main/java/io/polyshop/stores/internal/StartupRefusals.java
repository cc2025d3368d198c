package io.polyshop.stores.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.polyshop.shared.CauseChain;

/**
 * Reports a {@link StartupRefused} as the one line it is, before Spring Boot's failure analyzers would print a
 * banner and a stack trace. Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StartupRefusals implements SpringBootExceptionReporter {

	private static final Logger log = LoggerFactory.getLogger("polyshop");

	@Override
	public boolean reportException(Throwable failure) {
		return CauseChain.find(failure, StartupRefused.class).map(refused -> {
			log.error("Polyshop cannot start: {}", refused.getMessage());
			return true;
		}).orElse(false);
	}
}
