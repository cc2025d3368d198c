package io.polyshop.customer.internal;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Browser sessions (Spring Session in Redis): written back only when they changed, see {@link SessionTouches}. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	static BeanPostProcessor sessionTouches(@Value("${polyshop.session.touch-interval:60s}") Duration touchInterval) {
		return SessionTouches.wrapping(touchInterval);
	}
}
