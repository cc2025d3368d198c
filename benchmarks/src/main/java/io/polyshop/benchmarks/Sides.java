package io.polyshop.benchmarks;

/** The two sides of every comparison (JMH parameter values). */
final class Sides {

	static final String POLYGLOT = "polyglot";
	static final String PG_ONLY = "pg-only";
	/** Order history's second PostgreSQL variant: the nested order as one JSONB document. */
	static final String PG_JSONB = "pg-jsonb";

	private Sides() {
	}
}
