package io.polyshop.customer.internal;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A token lives in Redis only: another instance (here: another AccessTokens on the same Redis) accepts it. */
@PolyshopIntegrationTest
class AccessTokensTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Test
	void anyInstanceAcceptsATokenAnotherIssued() {
		String token = PolyshopHttp.admin(port).post().uri("/api/auth/token")
				.retrieve().body(JsonNode.class).path("access_token").asString();
		AccessTokens otherInstance = new AccessTokens(redis, json, Duration.ofHours(1), Clock.systemUTC());

		CustomerPrincipal principal = (CustomerPrincipal) otherInstance.introspect(token);

		assertThat(principal.getUsername()).isEqualTo(PolyshopHttp.ADMIN_EMAIL);
		assertThat(principal.roles()).contains(Role.ADMIN);
		assertThat(principal.getAttributes()).containsKey("exp");

		otherInstance.revoke(token); // revoked by the other instance: refused here
		assertThat(PolyshopHttp.client(port).get().uri("/api/me").header("Authorization", "Bearer " + token).retrieve()
				.toBodilessEntity().getStatusCode().value()).isEqualTo(401);
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> otherInstance.introspect(token));
	}

}
