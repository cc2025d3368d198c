package io.polyshop.shared;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies name only fields the endpoint knows: any other field (a price, a role, a typo) is refused with a
 * 400 naming it (see {@link UnreadableRequestBodies}), never silently dropped, so a client never believes it set
 * something it did not. Only the server's JSON converter is strict: the application's other JSON (events in the
 * outbox, sessions, answers of remote services) keeps the shared mapper's tolerance. Ordered after Spring Boot's
 * own customizer, whose JSON converter this one takes the place of.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class StrictRequestBodies implements ServerHttpMessageConvertersCustomizer {

	private final JsonMapper strict;

	StrictRequestBodies(JsonMapper json) {
		this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@Override
	public void customize(HttpMessageConverters.ServerBuilder converters) {
		converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
	}
}
