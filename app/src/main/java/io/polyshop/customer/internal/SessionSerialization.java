package io.polyshop.customer.internal;

import java.util.ArrayList;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.jackson.SecurityJacksonModules;

import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser sessions in Redis as JSON, not Java serialization: a session written by anyone who can reach Redis
 * must not be able to run code in the application when it is read (a deserialization gadget). Spring Security's
 * Jackson modules allow only the types they know, plus ours listed here; anything else in a session fails to
 * load instead of being instantiated. Spring Session picks the serializer up by its bean name.
 */
@Configuration(proxyBeanMethods = false)
class SessionSerialization {

	@Bean
	RedisSerializer<Object> springSessionDefaultRedisSerializer() {
		BasicPolymorphicTypeValidator.Builder allowed = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(CustomerPrincipal.class)
			.allowIfSubType(ArrayList.class);
		JsonMapper mapper = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(SessionSerialization.class.getClassLoader(), allowed))
			.build();
		return new GenericJacksonJsonRedisSerializer(mapper);
	}
}
