package io.polyshop.operations.internal.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.bson.Document;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.postgresql.PGConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoDatabase;

import tools.jackson.core.type.TypeReference;

/**
 * Loads a verified archive into the stores of this configuration (embedded or external): PostgreSQL in one
 * transaction, then documents, graph and keys. Refuses stores that hold data unless forced (then empties them
 * first). The caller runs the audit afterwards, which re-derives every projection from the restored PostgreSQL.
 */
@Component
public class StoreRestore {

	private static final int BATCH = 1000;
	private static final String RESTORE_LABEL = "PolyshopRestore";

	private final DataSource dataSource;
	private final MongoTemplate mongo;
	private final Driver neo4j;
	private final RedisConnectionFactory redis;

	StoreRestore(DataSource dataSource, MongoTemplate mongo, Driver neo4j, RedisConnectionFactory redis) {
		this.dataSource = dataSource;
		this.mongo = mongo;
		this.neo4j = neo4j;
		this.redis = redis;
	}

	/** What each store holds now (records outside Flyway's table and sessions); empty stores are absent. */
	public Map<String, Long> contents() throws SQLException {
		Map<String, Long> held = new HashMap<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			long rows = 0;
			for (String table : PostgresTables.all(connection)) {
				if (!table.equals(PostgresTables.SCHEMA_HISTORY)) {
					try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + PostgresTables.quote(table))) {
						rs.next();
						rows += rs.getLong(1);
					}
				}
			}
			if (rows > 0) {
				held.put("postgres", rows);
			}
		}
		MongoDatabase database = mongo.getDb();
		long documents = 0;
		for (String collection : database.listCollectionNames()) {
			if (!collection.startsWith("system.")) {
				documents += database.getCollection(collection).countDocuments();
			}
		}
		if (documents > 0) {
			held.put("mongodb", documents);
		}
		try (Session session = neo4j.session()) {
			long nodes = session.run("MATCH (n) RETURN count(n) AS nodes").single().get("nodes").asLong();
			if (nodes > 0) {
				held.put("neo4j", nodes);
			}
		}
		long keys = 0;
		try (RedisConnection connection = redis.getConnection();
				Cursor<byte[]> cursor = connection.keyCommands().scan(ScanOptions.scanOptions().count(1000).build())) {
			while (cursor.hasNext()) {
				if (!new String(cursor.next(), StandardCharsets.UTF_8).startsWith(StoreBackup.SESSION_KEYS)) {
					keys++;
				}
			}
		}
		if (keys > 0) {
			held.put("redis", keys);
		}
		return held;
	}

	/** Loads the archive; the manifest must come from {@link Archives#verify}. Answers the records loaded per store. */
	public Map<String, Long> restore(Path archive, Manifest manifest, boolean force, Consumer<String> progress)
			throws IOException, SQLException {
		Map<String, Long> held = contents();
		if (!held.isEmpty() && !force) {
			throw new StoresNotEmpty(held);
		}
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			postgres(zip, manifest, force, progress);
			if (force) {
				emptyOthers(progress);
			}
			mongo(zip, manifest, progress);
			neo4j(zip, progress);
			redis(zip, progress);
		}
		return manifest.recordsPerStore();
	}

	private void postgres(ZipFile zip, Manifest manifest, boolean force, Consumer<String> progress) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				String version;
				try (ResultSet rs = statement.executeQuery(
						"SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
					version = rs.next() ? rs.getString(1) : null;
				}
				if (!java.util.Objects.equals(version, manifest.schemaVersion())) {
					throw new InvalidArchive("The archive's tables follow schema version " + manifest.schemaVersion()
							+ ", this application's database is at " + version + ": restore with the version that made the archive");
				}
				List<String> tables = PostgresTables.all(connection).stream().filter(t -> !t.equals(PostgresTables.SCHEMA_HISTORY)).toList();
				if (force) {
					statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(PostgresTables::quote).toList()) + " CASCADE");
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				for (String table : PostgresTables.parentsFirst(connection, tables)) {
					var entry = zip.getEntry("postgres/" + table + ".csv");
					if (entry == null) {
						continue; // a table the archive's version did not have
					}
					try (InputStream in = zip.getInputStream(entry)) {
						long rows = pg.getCopyAPI().copyIn("COPY " + PostgresTables.quote(table) + " FROM STDIN (FORMAT csv, HEADER)", in);
						progress.accept("PostgreSQL: " + table + ": " + rows + " rows");
					}
				}
				// identity and serial columns continue after the restored rows
				List<String[]> generated = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery("""
						SELECT table_name, column_name FROM information_schema.columns
						WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')""")) {
					while (rs.next()) {
						generated.add(new String[] { rs.getString(1), rs.getString(2) });
					}
				}
				for (String[] column : generated) {
					String table = PostgresTables.quote(column[0]);
					String name = PostgresTables.quote(column[1]);
					statement.execute("SELECT setval(pg_get_serial_sequence('" + table.replace("'", "''") + "', '" + column[1].replace("'", "''")
							+ "'), coalesce((SELECT max(" + name + ") FROM " + table + "), 0) + 1, false)");
				}
			}
			connection.commit();
		}
		catch (SQLException | IOException | RuntimeException e) {
			throw e; // the transaction rolls back when the connection closes uncommitted: PostgreSQL keeps nothing
		}
	}

	private void emptyOthers(Consumer<String> progress) {
		MongoDatabase database = mongo.getDb();
		for (String collection : database.listCollectionNames()) {
			if (!collection.startsWith("system.")) {
				database.getCollection(collection).deleteMany(new Document()); // keeps the collection's indexes
			}
		}
		try (Session session = neo4j.session()) {
			session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
		}
		try (RedisConnection connection = redis.getConnection()) {
			List<byte[]> keys = new ArrayList<>();
			try (Cursor<byte[]> cursor = connection.keyCommands().scan(ScanOptions.scanOptions().count(1000).build())) {
				cursor.forEachRemaining(key -> {
					if (!new String(key, StandardCharsets.UTF_8).startsWith(StoreBackup.SESSION_KEYS)) {
						keys.add(key);
					}
				});
			}
			for (byte[] key : keys) {
				connection.keyCommands().del(key);
			}
		}
		progress.accept("Forced: document store, graph and Redis keys emptied");
	}

	private void mongo(ZipFile zip, Manifest manifest, Consumer<String> progress) throws IOException {
		MongoDatabase database = mongo.getDb();
		for (Manifest.Entry entry : manifest.entries()) {
			if (!entry.store().equals("mongodb")) {
				continue;
			}
			String collection = entry.name().substring("mongodb/".length(), entry.name().length() - ".jsonl".length());
			List<Document> batch = new ArrayList<>(BATCH);
			long count = 0;
			try (BufferedReader in = reader(zip, entry.name())) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					batch.add(Document.parse(line));
					if (batch.size() == BATCH) {
						database.getCollection(collection).insertMany(batch);
						count += batch.size();
						batch.clear();
					}
				}
			}
			if (!batch.isEmpty()) {
				database.getCollection(collection).insertMany(batch);
				count += batch.size();
			}
			progress.accept("Document store: " + collection + ": " + count + " documents");
		}
	}

	private void neo4j(ZipFile zip, Consumer<String> progress) throws IOException {
		try (Session session = neo4j.session()) {
			// nodes carry their backup id under a temporary label, indexed, until the relationships have found them
			session.run("CREATE INDEX polyshop_restore IF NOT EXISTS FOR (n:" + RESTORE_LABEL + ") ON (n.backupId)").consume();
			session.run("CALL db.awaitIndexes(300)").consume();
			long nodes = 0;
			Map<String, List<Map<String, Object>>> byLabels = new HashMap<>();
			try (BufferedReader in = reader(zip, "neo4j/nodes.jsonl")) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					Map<String, Object> node = Archives.JSON.readValue(line, new TypeReference<Map<String, Object>>() {
					});
					@SuppressWarnings("unchecked")
					List<String> labels = (List<String>) node.get("labels");
					String key = String.join(":", labels.stream().map(CypherNames::quote).toList());
					@SuppressWarnings("unchecked")
					Map<String, Object> properties = GraphValues.decode((Map<String, Object>) node.get("properties"));
					List<Map<String, Object>> group = byLabels.computeIfAbsent(key, k -> new ArrayList<>());
					group.add(Map.of("id", node.get("id"), "properties", properties));
					if (group.size() == BATCH) {
						nodes += createNodes(session, key, group);
					}
				}
			}
			for (Map.Entry<String, List<Map<String, Object>>> group : byLabels.entrySet()) {
				nodes += createNodes(session, group.getKey(), group.getValue());
			}
			long relationships = 0;
			Map<String, List<Map<String, Object>>> byType = new HashMap<>();
			try (BufferedReader in = reader(zip, "neo4j/relationships.jsonl")) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					Map<String, Object> relationship = Archives.JSON.readValue(line, new TypeReference<Map<String, Object>>() {
					});
					@SuppressWarnings("unchecked")
					Map<String, Object> properties = GraphValues.decode((Map<String, Object>) relationship.get("properties"));
					List<Map<String, Object>> group = byType.computeIfAbsent((String) relationship.get("type"), k -> new ArrayList<>());
					group.add(Map.of("from", relationship.get("from"), "to", relationship.get("to"), "properties", properties));
					if (group.size() == BATCH) {
						relationships += createRelationships(session, (String) relationship.get("type"), group);
					}
				}
			}
			for (Map.Entry<String, List<Map<String, Object>>> group : byType.entrySet()) {
				relationships += createRelationships(session, group.getKey(), group.getValue());
			}
			session.run("MATCH (n:" + RESTORE_LABEL + ") CALL (n) { REMOVE n:" + RESTORE_LABEL + " REMOVE n.backupId } IN TRANSACTIONS OF 10000 ROWS").consume();
			session.run("DROP INDEX polyshop_restore IF EXISTS").consume();
			progress.accept("Graph: " + nodes + " nodes, " + relationships + " relationships");
		}
	}

	private static long createNodes(Session session, String labels, List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		String cypher = "UNWIND $rows AS row CREATE (n" + (labels.isEmpty() ? "" : ":" + labels) + ":" + RESTORE_LABEL
				+ ") SET n = row.properties, n.backupId = row.id";
		session.run(cypher, Map.of("rows", List.copyOf(rows))).consume();
		long count = rows.size();
		rows.clear();
		return count;
	}

	private static long createRelationships(Session session, String type, List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		session.run("UNWIND $rows AS row MATCH (a:" + RESTORE_LABEL + " {backupId: row.from}) MATCH (b:" + RESTORE_LABEL
				+ " {backupId: row.to}) CREATE (a)-[r:" + CypherNames.quote(type) + "]->(b) SET r = row.properties",
				Map.of("rows", List.copyOf(rows))).consume();
		long count = rows.size();
		rows.clear();
		return count;
	}

	private void redis(ZipFile zip, Consumer<String> progress) throws IOException {
		Base64.Decoder base64 = Base64.getDecoder();
		long keys = 0;
		try (RedisConnection connection = redis.getConnection(); BufferedReader in = reader(zip, "redis/keys.jsonl")) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				Map<String, Object> key = Archives.JSON.readValue(line, new TypeReference<Map<String, Object>>() {
				});
				long ttl = ((Number) key.get("ttlMillis")).longValue();
				connection.keyCommands().restore(base64.decode((String) key.get("key")), ttl < 0 ? 0 : ttl,
						base64.decode((String) key.get("value")), true);
				keys++;
			}
		}
		progress.accept("Redis: " + keys + " keys");
	}

	private static BufferedReader reader(ZipFile zip, String name) throws IOException {
		var entry = zip.getEntry(name);
		if (entry == null) {
			throw new InvalidArchive("Archive lacks " + name);
		}
		return new BufferedReader(new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8), 1 << 16);
	}

	/** Labels and relationship types are written into the Cypher text (they cannot be parameters): quoted. */
	private static final class CypherNames {

		static String quote(String name) {
			return '`' + name.replace("`", "``") + '`';
		}
	}
}
