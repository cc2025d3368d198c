package io.polyshop.support;

import java.util.Optional;

import org.bson.Document;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes and reads one marked value in each of the four stores, through the application's own clients. */
public record StoreSamples(ApplicationContext context) {

	public void write(String marker) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("CREATE TABLE IF NOT EXISTS test_sample (marker TEXT PRIMARY KEY)");
		jdbc.update("INSERT INTO test_sample (marker) VALUES (?) ON CONFLICT DO NOTHING", marker);
		context.getBean(StringRedisTemplate.class).opsForValue().set("test-sample:" + marker, marker);
		context.getBean(MongoTemplate.class).getCollection("test_samples").insertOne(new Document("marker", marker));
		context.getBean(Neo4jClient.class).query("MERGE (:TestSample {marker: $marker})").bind(marker).to("marker").run();
	}

	public Optional<String> readPostgres(String marker) {
		return context.getBean(JdbcTemplate.class)
				.queryForList("SELECT marker FROM test_sample WHERE marker = ?", String.class, marker).stream().findFirst();
	}

	public Optional<String> readRedis(String marker) {
		return Optional.ofNullable(context.getBean(StringRedisTemplate.class).opsForValue().get("test-sample:" + marker));
	}

	public Optional<String> readMongo(String marker) {
		return Optional.ofNullable(context.getBean(MongoTemplate.class)
				.findOne(Query.query(Criteria.where("marker").is(marker)), Document.class, "test_samples"))
				.map(document -> document.getString("marker"));
	}

	public Optional<String> readNeo4j(String marker) {
		return context.getBean(Neo4jClient.class).query("MATCH (s:TestSample {marker: $marker}) RETURN s.marker")
				.bind(marker).to("marker").fetchAs(String.class).one();
	}
}
