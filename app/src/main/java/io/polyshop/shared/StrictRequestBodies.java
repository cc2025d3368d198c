package io.polyshop.shared;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body with a field the API does not know is refused (400 problem+json), everywhere: a client must
 * never believe it set something (a price, a role, a discount) that was silently dropped. Only for HTTP bodies:
 * the application's own JSON (stored events, sessions) keeps reading what older versions wrote.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies implements WebMvcConfigurer {

	private final JsonMapper strict;

	StrictRequestBodies(JsonMapper json) {
		this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@Override
	@SuppressWarnings("deprecation") // the list form still is how to swap one converter for another in Spring 7
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
				? new JacksonJsonHttpMessageConverter(strict) : converter);
	}
}
