package io.polyshop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on the embedded engines. Every integration test uses exactly this
 * annotation and nothing that changes the context, so Spring builds the context (and the engines start) once
 * per test JVM. Tagged "integration": failsafe runs it in {@code mvn verify}, never in the fast {@code mvn test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL,
		"polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD,
		// the crash test (CheckoutCrashTests) waits for in-doubt orders to be settled: sooner than in production
		"polyshop.checkout.in-doubt-after=20s", "polyshop.checkout.in-doubt-check-interval=2s" })
public @interface PolyshopIntegrationTest {
}
