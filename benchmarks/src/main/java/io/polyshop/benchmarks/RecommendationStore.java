package io.polyshop.benchmarks;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** "Bought by people you follow (and people they follow ...)", scored by depth and recency; and "often bought together". */
interface RecommendationStore {

	int LIMIT = 10;
	double DEPTH2_WEIGHT = 0.5; // the app's polyshop.social.recommendations.* defaults
	double HALF_LIFE_SECONDS = Duration.ofDays(30).toSeconds();
	int MIN_PEOPLE = 2; // polyshop.social.privacy.min-people: a product counts once at least 2 people bought it

	record Recommended(String sku, String title, double score, long followed, long buyers) {
	}

	record AlsoBought(String sku, String title, long customers) {
	}

	List<Recommended> forCustomer(String me, int depth);

	List<AlsoBought> alsoBought(String sku);

	static RecommendationStore of(String side, Connections connections) {
		return side.equals(Sides.POLYGLOT) ? new Neo4j(connections.neo4j) : new Postgres(connections.pgOnly);
	}

	static double round(double score) {
		return Math.round(score * 1000) / 1000.0;
	}

	/**
	 * The product's Cypher: the very files social.internal.GraphRecommendations runs ({@code *.cypher} next to it in the
	 * app's resources, copied onto this module's class path by its pom), with the app's parameters. The app asks for
	 * depth 2; depths 1, 3 and 4 are the same file with another bound on the FOLLOWS pattern.
	 */
	final class Neo4j implements RecommendationStore {

		private static final String FOR_CUSTOMER = productCypher("recommendations-for-customer.cypher");

		private static final String ALSO_BOUGHT = productCypher("also-bought.cypher");

		private static String productCypher(String file) {
			String path = "/io/polyshop/social/internal/" + file;
			try (java.io.InputStream in = RecommendationStore.class.getResourceAsStream(path)) {
				if (in == null) {
					throw new IllegalStateException(path + " is missing: the benchmarks pom copies it from app/src/main/resources");
				}
				return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}

		private final Driver driver;

		Neo4j(Driver driver) {
			this.driver = driver;
		}

		@Override
		public List<Recommended> forCustomer(String me, int depth) {
			try (Session session = driver.session(SessionConfig.defaultConfig())) {
				return session.executeRead(tx -> tx.run(FOR_CUSTOMER.formatted(depth),
						Map.of("me", me, "now", Dataset.NOW.atOffset(ZoneOffset.UTC), "depth2Weight", DEPTH2_WEIGHT,
								"halfLifeSeconds", HALF_LIFE_SECONDS, "limit", LIMIT, "minPeople", MIN_PEOPLE))
						.list(row -> new Recommended(row.get("sku").asString(), row.get("title").asString(null),
								round(row.get("score").asDouble()), row.get("followed").asLong(), row.get("buyers").asLong())),
						TransactionConfig.builder().withTimeout(Duration.ofMinutes(5)).build());
			}
		}

		@Override
		public List<AlsoBought> alsoBought(String sku) {
			try (Session session = driver.session(SessionConfig.defaultConfig())) {
				return session.executeRead(tx -> tx.run(ALSO_BOUGHT, Map.of("sku", sku, "limit", LIMIT))
						.list(row -> new AlsoBought(row.get("sku").asString(), row.get("title").asString(null),
								row.get("customers").asLong())));
			}
		}
	}

	/**
	 * PostgreSQL only: a breadth-first search, one CTE per level, each level only the accounts not seen at a
	 * shallower one (DISTINCT frontier), so the work grows with the accounts reached, not with the paths to them.
	 * Then the same scoring and the same k-anonymity threshold as the Cypher over the purchased edge table, titles
	 * joined for the top rows only.
	 */
	final class Postgres implements RecommendationStore {

		private final DataSource pg;

		Postgres(DataSource pg) {
			this.pg = pg;
		}

		static String forCustomerSql(int depth) {
			StringBuilder sql = new StringBuilder("WITH l0 AS (SELECT ?::text AS c),\n");
			sql.append("l1 AS (SELECT DISTINCT f.followee AS c FROM follows f WHERE f.follower = (SELECT c FROM l0) AND f.followee <> (SELECT c FROM l0)),\n");
			for (int level = 2; level <= depth; level++) {
				StringBuilder seen = new StringBuilder("SELECT c FROM l0");
				for (int shallower = 1; shallower < level; shallower++) {
					seen.append(" UNION ALL SELECT c FROM l").append(shallower);
				}
				sql.append("l").append(level).append(" AS (SELECT DISTINCT f.followee AS c FROM l").append(level - 1)
						.append(" p JOIN follows f ON f.follower = p.c WHERE f.followee NOT IN (").append(seen).append(")),\n");
			}
			sql.append("buyers AS (SELECT c, 1 AS depth FROM l1");
			for (int level = 2; level <= depth; level++) {
				sql.append(" UNION ALL SELECT c, ").append(level).append(" FROM l").append(level);
			}
			sql.append("),\n");
			sql.append("""
					scored AS (
					  SELECT p.sku,
					         sum(CASE b.depth WHEN 1 THEN 1.0 ELSE ? END
					             * power(0.5, greatest(extract(epoch FROM ?::timestamptz - p.at), 0) / ?)) AS score,
					         count(DISTINCT b.c) FILTER (WHERE b.depth = 1) AS followed,
					         count(DISTINCT b.c) AS buyers
					  FROM buyers b JOIN purchased p ON p.customer_id = b.c
					  WHERE NOT EXISTS (SELECT 1 FROM purchased mine WHERE mine.customer_id = (SELECT c FROM l0) AND mine.sku = p.sku)
					  GROUP BY p.sku
					  HAVING count(DISTINCT b.c) >= ?
					  ORDER BY score DESC, p.sku
					  LIMIT ?)
					SELECT s.sku, pr.doc->>'title' AS title, s.score, s.followed, s.buyers
					FROM scored s JOIN product pr ON pr.sku = s.sku
					ORDER BY s.score DESC, s.sku""");
			return sql.toString();
		}

		private static final String ALSO_BOUGHT = """
				WITH together AS (
				  SELECT o.sku, count(DISTINCT o.customer_id) AS customers
				  FROM purchased p JOIN purchased o ON o.customer_id = p.customer_id
				  WHERE p.sku = ? AND o.sku <> ?
				  GROUP BY o.sku
				  ORDER BY customers DESC, o.sku
				  LIMIT ?)
				SELECT t.sku, pr.doc->>'title' AS title, t.customers
				FROM together t JOIN product pr ON pr.sku = t.sku
				ORDER BY t.customers DESC, t.sku""";

		@Override
		public List<Recommended> forCustomer(String me, int depth) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement(forCustomerSql(depth))) {
				s.setString(1, me);
				s.setDouble(2, DEPTH2_WEIGHT);
				s.setTimestamp(3, Timestamp.from(Dataset.NOW));
				s.setDouble(4, HALF_LIFE_SECONDS);
				s.setInt(5, MIN_PEOPLE);
				s.setInt(6, LIMIT);
				List<Recommended> result = new ArrayList<>();
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						result.add(new Recommended(rs.getString(1), rs.getString(2), round(rs.getDouble(3)), rs.getLong(4), rs.getLong(5)));
					}
				}
				return result;
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public List<AlsoBought> alsoBought(String sku) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement(ALSO_BOUGHT)) {
				s.setString(1, sku);
				s.setString(2, sku);
				s.setInt(3, LIMIT);
				List<AlsoBought> result = new ArrayList<>();
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						result.add(new AlsoBought(rs.getString(1), rs.getString(2), rs.getLong(3)));
					}
				}
				return result;
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
