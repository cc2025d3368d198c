package io.polyshop.operations.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.polyshop.stores.Store;

@Component
class PostgresProbe implements StoreProbe {

	private final JdbcTemplate jdbc;

	PostgresProbe(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Store store() {
		return Store.POSTGRES;
	}

	@Override
	public void ping() {
		jdbc.queryForObject("SELECT 1", Integer.class);
	}

	@Override
	public String version() {
		return jdbc.queryForObject("SHOW server_version", String.class);
	}

	@Override
	public Map<String, Long> recordCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.queryForList("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
				ORDER BY table_name""", String.class)
				// names come from the catalog, not from a request; quoted all the same
				.forEach(table -> counts.put(table, jdbc.queryForObject("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"", Long.class)));
		return counts;
	}
}
