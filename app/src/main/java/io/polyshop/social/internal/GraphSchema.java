package io.polyshop.social.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

/**
 * Creates the graph's constraints and indexes. Not at start-up in the strict sense: the application must start,
 * and answer fallbacks, while Neo4j is down, so this runs on the scheduler right after start and retries until
 * Neo4j has answered once. Every statement is IF NOT EXISTS, so several instances may run it at once.
 */
@Component
class GraphSchema {

	private static final Logger log = LoggerFactory.getLogger(GraphSchema.class);

	static final List<String> STATEMENTS = List.of(
			"CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE",
			"CREATE CONSTRAINT product_sku IF NOT EXISTS FOR (p:Product) REQUIRE p.sku IS UNIQUE",
			// one PURCHASED edge per order line: makes the listener's MERGE safe even under concurrent redelivery
			"CREATE CONSTRAINT purchased_order_line IF NOT EXISTS FOR ()-[b:PURCHASED]-() REQUIRE (b.orderId, b.sku) IS UNIQUE",
			"CREATE INDEX purchased_at IF NOT EXISTS FOR ()-[b:PURCHASED]-() ON (b.at)",
			// the audit walks PURCHASED edges by order id
			"CREATE INDEX purchased_order IF NOT EXISTS FOR ()-[b:PURCHASED]-() ON (b.orderId)");

	private final Neo4jClient neo4j;
	private volatile boolean created;

	GraphSchema(Neo4jClient neo4j) {
		this.neo4j = neo4j;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${polyshop.social.schema-retry-interval:30s}")
	@SchedulerLock(name = "social.graph-schema", lockAtLeastFor = "${polyshop.social.schema-retry-interval:30s}",
			lockAtMostFor = "${polyshop.social.schema-retry-interval:30s}")
	void createWhenReachable() {
		create();
	}

	/**
	 * Creates the schema now unless this instance already did, without the cluster lock (the lock is held for a
	 * whole retry interval, so a caller that needs the schema at once would mostly be skipped); answers whether it
	 * is in place.
	 */
	synchronized boolean create() {
		if (created) {
			return true;
		}
		try {
			STATEMENTS.forEach(statement -> neo4j.query(statement).run());
			created = true;
			log.info("Social graph constraints and indexes are in place");
		}
		catch (RuntimeException e) {
			if (!Neo4jOutage.causedBy(e)) {
				throw e;
			}
			log.warn("Neo4j did not answer; the graph's constraints will be created once it does ({})", e.toString());
		}
		return created;
	}
}
