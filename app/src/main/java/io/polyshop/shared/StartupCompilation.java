package io.polyshop.shared;

import java.util.List;

/**
 * JIT settings for the JVMs Polyshop starts as children (the application from its jar, the embedded Neo4j): C2, the
 * optimising compiler, takes a method after three times the JVM's default counts. At start, code that runs a few
 * thousand times and then no more (bean creation, Neo4j creating its stores) reached C2 and cost a compilation each:
 * the C2 thread was the largest CPU consumer of a start on 2 cores (docs/deploy.md). Code that stays hot still reaches
 * C2, a little later, with the same code. Measured with {@code bench/startup.sh --jar 2}, two pairs alternated
 * (2026-11-26): a first start 26.1 / 24.8 s → 22.0 / 23.3 s (CPU 48.7 / 47.1 → 41.0 / 43.0 s), restarts 10.8 / 11.3 →
 * 11.1 / 10.1 s.
 */
public final class StartupCompilation {

	/** The JVM's defaults (5,000 / 600 / 15,000 / 40,000) times three. */
	private static final List<String> LATER_C2 = List.of("-XX:Tier4InvocationThreshold=15000", "-XX:Tier4MinInvocationThreshold=1800",
			"-XX:Tier4CompileThreshold=45000", "-XX:Tier4BackEdgeThreshold=120000");

	private StartupCompilation() {
	}

	/** The options to add to a child JVM's command, none when its own options already set a C2 threshold. */
	public static List<String> jvmOptions(List<String> given) {
		return given.stream().anyMatch(option -> option.startsWith("-XX:Tier4")) ? List.of() : LATER_C2;
	}
}
