package io.polyshop.social.internal;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.customer.CustomerRegistered;

/**
 * Puts every new customer into the graph, with the REFERRED edge from whoever referred them. Delivered at least
 * once and possibly out of order, so everything is MERGEd by id: a redelivery changes nothing, and a referrer
 * whose own event is late gets a bare node that their registration fills in.
 */
@Component
class CustomerRegistrations {

	private final Neo4jClient neo4j;

	CustomerRegistrations(Neo4jClient neo4j) {
		this.neo4j = neo4j;
	}

	@ApplicationModuleListener
	void on(CustomerRegistered registered) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("id", registered.customerId());
		parameters.put("name", registered.name());
		parameters.put("registeredAt", registered.registeredAt() == null ? null : registered.registeredAt().atOffset(ZoneOffset.UTC));
		parameters.put("referrerId", registered.referrerId());
		parameters.put("private", registered.profileIsPrivate());
		neo4j.query("""
				MERGE (customer:Customer {id: $id})
				SET customer.name = $name, customer.registeredAt = $registeredAt,
				    customer.private = coalesce(customer.private, $private) // a choice made since is newer
				WITH customer
				WHERE $referrerId IS NOT NULL AND $referrerId <> $id
				MERGE (referrer:Customer {id: $referrerId})
				MERGE (referrer)-[:REFERRED]->(customer)""")
				.bindAll(parameters).run();
	}
}
