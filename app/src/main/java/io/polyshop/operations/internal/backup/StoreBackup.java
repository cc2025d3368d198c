package io.polyshop.operations.internal.backup;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.postgresql.PGConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

/**
 * Writes all four stores into one archive while the shop runs. PostgreSQL first, every table in one REPEATABLE READ
 * transaction, so all of it is one snapshot (COPY through the JDBC driver: no {@code pg_dump} needed, embedded or
 * external). The document store, the graph and the carts are read after that snapshot was taken: whatever they hold
 * beyond it is projected from PostgreSQL and is put back in line by the audit a restore ends with. Sessions are left
 * out (ephemeral: restored shoppers sign in again).
 */
@Component
public class StoreBackup {

	static final String SESSION_KEYS = "spring:session:";
	private static final JsonWriterSettings EXTENDED_JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

	private final DataSource dataSource;
	private final MongoTemplate mongo;
	private final Driver neo4j;
	private final RedisConnectionFactory redis;
	private final Clock clock;

	StoreBackup(DataSource dataSource, MongoTemplate mongo, Driver neo4j, RedisConnectionFactory redis, Clock clock) {
		this.dataSource = dataSource;
		this.mongo = mongo;
		this.neo4j = neo4j;
		this.redis = redis;
		this.clock = clock;
	}

	/** Writes the archive (to a temporary file first, moved into place when whole); answers its manifest. */
	public Manifest backup(Path archive, Consumer<String> progress) throws IOException {
		Instant started = clock.instant();
		Path parent = archive.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path partial = parent.resolve(archive.getFileName() + ".partial");
		List<Manifest.Entry> entries = new ArrayList<>();
		String[] snapshot = new String[3];
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
			postgres(zip, entries, snapshot, progress);
			mongo(zip, entries, progress);
			neo4j(zip, entries, progress);
			redis(zip, entries, progress);
			Manifest manifest = new Manifest(Manifest.FORMAT, started, snapshot[0], snapshot[1],
					Instant.parse(snapshot[2]), entries, Duration.between(started, clock.instant()).toMillis() / 1000.0);
			zip.putNextEntry(new ZipEntry(Manifest.NAME));
			zip.write(Archives.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
			zip.closeEntry();
			zip.finish();
			Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return manifest;
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private void postgres(ZipOutputStream zip, List<Manifest.Entry> entries, String[] snapshot, Consumer<String> progress) throws IOException {
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				try (Statement statement = connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT pg_current_snapshot()::text, "
								+ "(SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1), "
								+ "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")) {
					rs.next(); // the first query fixes the transaction's snapshot: every COPY below reads at this point
					snapshot[1] = rs.getString(1);
					snapshot[0] = rs.getString(2);
					snapshot[2] = rs.getString(3);
				}
				progress.accept("PostgreSQL: snapshot " + snapshot[1] + " (schema version " + snapshot[0] + ")");
				PGConnection pg = connection.unwrap(PGConnection.class);
				for (String table : PostgresTables.all(connection)) {
					Entry entry = open(zip, "postgres/" + table + ".csv");
					long rows = pg.getCopyAPI().copyOut("COPY " + PostgresTables.quote(table) + " TO STDOUT (FORMAT csv, HEADER)", entry.out);
					entries.add(entry.close("postgres", rows));
					progress.accept("PostgreSQL: " + table + ": " + rows + " rows");
				}
				connection.commit();
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException e) {
			throw new IOException("PostgreSQL backup failed: " + e.getMessage(), e);
		}
	}

	private void mongo(ZipOutputStream zip, List<Manifest.Entry> entries, Consumer<String> progress) throws IOException {
		MongoDatabase database = mongo.getDb();
		for (String collection : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
			if (collection.startsWith("system.")) {
				continue;
			}
			Entry entry = open(zip, "mongodb/" + collection + ".jsonl");
			long documents = 0;
			BufferedWriter out = entry.writer();
			try (MongoCursor<Document> cursor = database.getCollection(collection).find().batchSize(1000).iterator()) {
				while (cursor.hasNext()) {
					out.write(cursor.next().toJson(EXTENDED_JSON));
					out.write('\n');
					documents++;
				}
			}
			out.flush();
			entries.add(entry.close("mongodb", documents));
			progress.accept("Document store: " + collection + ": " + documents + " documents");
		}
	}

	private void neo4j(ZipOutputStream zip, List<Manifest.Entry> entries, Consumer<String> progress) throws IOException {
		try (Session session = neo4j.session(); Transaction tx = session.beginTransaction()) {
			// one read transaction for nodes and relationships: no relationship without its nodes. Neo4j reads at read
			// committed: while checkouts add PURCHASED edges, a product node that becomes dense (its relationships
			// regrouped by type) can hand a scan the same relationship twice, so each node and relationship is written
			// once, by its internal id (a bit each: a million relationships cost 125 KB)
			Entry nodes = open(zip, "neo4j/nodes.jsonl");
			long nodeCount = 0;
			BufferedWriter out = nodes.writer();
			BitSet seen = new BitSet();
			var result = tx.run("MATCH (n) RETURN id(n) AS key, elementId(n) AS id, labels(n) AS labels, properties(n) AS properties");
			while (result.hasNext()) {
				Record row = result.next();
				if (!firstTime(seen, row.get("key").asLong())) {
					continue;
				}
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("id", row.get("id").asString());
				line.put("labels", row.get("labels").asList(Value::asString));
				line.put("properties", GraphValues.encode(row.get("properties")));
				out.write(Archives.JSON.writeValueAsString(line));
				out.write('\n');
				nodeCount++;
			}
			out.flush();
			entries.add(nodes.close("neo4j", nodeCount));
			Entry relationships = open(zip, "neo4j/relationships.jsonl");
			long relationshipCount = 0;
			out = relationships.writer();
			seen.clear();
			result = tx.run("MATCH (a)-[r]->(b) RETURN id(r) AS key, elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS properties");
			while (result.hasNext()) {
				Record row = result.next();
				if (!firstTime(seen, row.get("key").asLong())) {
					continue;
				}
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("from", row.get("from").asString());
				line.put("to", row.get("to").asString());
				line.put("type", row.get("type").asString());
				line.put("properties", GraphValues.encode(row.get("properties")));
				out.write(Archives.JSON.writeValueAsString(line));
				out.write('\n');
				relationshipCount++;
			}
			out.flush();
			entries.add(relationships.close("neo4j", relationshipCount));
			tx.rollback();
			progress.accept("Graph: " + nodeCount + " nodes, " + relationshipCount + " relationships");
		}
	}

	/** Marks the id as written; false when it was written already. */
	private static boolean firstTime(BitSet seen, long id) {
		if (seen.get(Math.toIntExact(id))) {
			return false;
		}
		seen.set(Math.toIntExact(id));
		return true;
	}

	private void redis(ZipOutputStream zip, List<Manifest.Entry> entries, Consumer<String> progress) throws IOException {
		Entry entry = open(zip, "redis/keys.jsonl");
		long keys = 0;
		BufferedWriter out = entry.writer();
		Base64.Encoder base64 = Base64.getEncoder();
		try (RedisConnection connection = redis.getConnection();
				Cursor<byte[]> cursor = connection.keyCommands().scan(ScanOptions.scanOptions().count(1000).build())) {
			while (cursor.hasNext()) {
				byte[] key = cursor.next();
				if (new String(key, StandardCharsets.UTF_8).startsWith(SESSION_KEYS)) {
					continue; // sessions are left out: ephemeral, and restoring them would resurrect signed-out browsers
				}
				byte[] dump = connection.keyCommands().dump(key);
				Long ttl = connection.keyCommands().pTtl(key);
				if (dump == null) {
					continue; // expired between the scan and the dump
				}
				out.write(Archives.JSON.writeValueAsString(Map.of("key", base64.encodeToString(key), "value", base64.encodeToString(dump),
						"ttlMillis", ttl == null ? -1 : ttl)));
				out.write('\n');
				keys++;
			}
		}
		out.flush();
		entries.add(entry.close("redis", keys));
		progress.accept("Redis: " + keys + " keys (sessions left out)");
	}

	private static Entry open(ZipOutputStream zip, String name) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		return new Entry(zip, name);
	}

	/** One zip entry being written: counts its bytes and hashes them for the manifest. */
	private static final class Entry {

		final String name;
		final ZipOutputStream zip;
		final MessageDigest sha = Archives.sha256();
		long bytes;
		final OutputStream out;
		BufferedWriter writer;

		Entry(ZipOutputStream zip, String name) {
			this.zip = zip;
			this.name = name;
			OutputStream unclosable = new FilterOutputStream(zip) {
				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					out.write(b, off, len);
					bytes += len;
				}

				@Override
				public void write(int b) throws IOException {
					out.write(b);
					bytes++;
				}

				@Override
				public void close() {
					// the zip stays open for the next entry
				}
			};
			this.out = new DigestOutputStream(unclosable, sha);
		}

		BufferedWriter writer() {
			if (writer == null) {
				writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
			}
			return writer;
		}

		Manifest.Entry close(String store, long records) {
			try {
				if (writer != null) {
					writer.flush();
				}
				out.flush();
				zip.closeEntry();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return new Manifest.Entry(name, store, records, bytes, HexFormat.of().formatHex(sha.digest()));
		}
	}
}
