package io.polyshop.operations.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import io.polyshop.stores.Store;

@Component
class Neo4jProbe implements StoreProbe {

	private final Neo4jClient neo4j;

	Neo4jProbe(Neo4jClient neo4j) {
		this.neo4j = neo4j;
	}

	@Override
	public Store store() {
		return Store.NEO4J;
	}

	@Override
	public void ping() {
		neo4j.query("RETURN 1").run();
	}

	@Override
	public String version() {
		return neo4j.query("CALL dbms.components() YIELD versions RETURN versions[0] AS version")
				.fetchAs(String.class).one().orElse("unknown");
	}

	@Override
	public Map<String, Long> recordCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		neo4j.query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label")
				.fetch().all().forEach(row -> counts.put("(:" + row.get("label") + ")", ((Number) row.get("count")).longValue()));
		neo4j.query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type")
				.fetch().all().forEach(row -> counts.put("[:" + row.get("type") + "]", ((Number) row.get("count")).longValue()));
		return counts;
	}
}
