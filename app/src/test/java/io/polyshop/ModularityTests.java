package io.polyshop;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The module structure holds: no module reaches into another's internals, no cycles. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PolyshopApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void everyBusinessModuleIsDetected() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
				.contains("inventory", "catalog", "customer", "cart", "checkout", "orders", "social", "operations", "stores", "audit");
	}

	/** Writes the module diagrams (PlantUML) and canvases to target/spring-modulith-docs. */
	@Test
	void writeModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}
}
