package io.polyshop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on the embedded engines. Every integration test uses exactly this
 * annotation and nothing that changes the context, so Spring builds the context (and the engines start) once
 * per test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL,
		"polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD })
public @interface PolyshopIntegrationTest {
}
