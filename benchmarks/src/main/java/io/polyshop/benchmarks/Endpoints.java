package io.polyshop.benchmarks;

import java.util.List;

/** Where the engines listen; handed to JMH's forked JVMs as system properties. */
record Endpoints(String postgres, String redis, String mongodb, String neo4j) {

	List<String> asJvmArguments() {
		return List.of("-Dbench.postgres=" + postgres, "-Dbench.redis=" + redis, "-Dbench.mongodb=" + mongodb,
				"-Dbench.neo4j=" + neo4j);
	}

	static Endpoints fromSystemProperties() {
		return new Endpoints(required("bench.postgres"), required("bench.redis"), required("bench.mongodb"),
				required("bench.neo4j"));
	}

	void toSystemProperties() {
		System.setProperty("bench.postgres", postgres);
		System.setProperty("bench.redis", redis);
		System.setProperty("bench.mongodb", mongodb);
		System.setProperty("bench.neo4j", neo4j);
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("no " + name + ": benchmarks run from BenchmarkRun, which starts the engines");
		}
		return value;
	}
}
