package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupCompilationTest {

	@Test
	void aChildJvmGetsTheLaterC2ThresholdsUnlessItsOptionsSetOne() {
		assertThat(StartupCompilation.jvmOptions(List.of("-Xmx1g"))).contains("-XX:Tier4InvocationThreshold=15000")
				.allMatch(option -> option.startsWith("-XX:Tier4"));
		assertThat(StartupCompilation.jvmOptions(List.of("-Xmx1g", "-XX:Tier4InvocationThreshold=5000"))).isEmpty();
	}
}
