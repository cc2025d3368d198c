package io.polyshop.operations.internal.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The application's tables, as the catalog of the current schema lists them. */
final class PostgresTables {

	/** Flyway's own table: the target's is written by its own migration run, which must reach the archive's version. */
	static final String SCHEMA_HISTORY = "flyway_schema_history";

	/** ShedLock's locks: who runs a scheduled job right now, runtime state of the instances, never restored. */
	static final String LOCKS = "shedlock";

	private PostgresTables() {
	}

	static List<String> all(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						SELECT table_name FROM information_schema.tables
						WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name""")) {
			while (rs.next()) {
				if (!rs.getString(1).equals(LOCKS)) {
					tables.add(rs.getString(1));
				}
			}
		}
		return tables;
	}

	/** The tables, parents before children (foreign keys), so rows can be loaded in this order. */
	static List<String> parentsFirst(Connection connection, List<String> tables) throws SQLException {
		Map<String, Set<String>> parents = new TreeMap<>();
		tables.forEach(table -> parents.put(table, new TreeSet<>()));
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						SELECT child.relname, parent.relname FROM pg_constraint c
						JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
						JOIN pg_namespace n ON n.oid = child.relnamespace
						WHERE c.contype = 'f' AND n.nspname = current_schema()""")) {
			while (rs.next()) {
				String child = rs.getString(1);
				String parent = rs.getString(2);
				if (parents.containsKey(child) && !child.equals(parent)) { // a self-reference is checked at the end of its COPY
					parents.get(child).add(parent);
				}
			}
		}
		Set<String> ordered = new LinkedHashSet<>();
		while (ordered.size() < parents.size()) {
			boolean progressed = false;
			for (Map.Entry<String, Set<String>> table : new LinkedHashMap<>(parents).entrySet()) {
				if (!ordered.contains(table.getKey()) && ordered.containsAll(table.getValue().stream().filter(parents::containsKey).toList())) {
					ordered.add(table.getKey());
					progressed = true;
				}
			}
			if (!progressed) {
				throw new IllegalStateException("Foreign keys form a cycle among " + parents.keySet());
			}
		}
		return List.copyOf(ordered);
	}

	static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}
}
