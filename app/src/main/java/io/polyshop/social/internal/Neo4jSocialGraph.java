package io.polyshop.social.internal;

import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;
import io.polyshop.social.CannotFollowYourself;
import io.polyshop.social.CustomerSummary;
import io.polyshop.social.Referral;
import io.polyshop.social.SocialGraph;
import io.polyshop.social.Suggestion;
import io.polyshop.social.UnknownCustomer;

/**
 * The social graph on Neo4j with hand-written Cypher: every value is a parameter, never part of the query text.
 * Each operation is one statement, hence one transaction.
 */
@Service
class Neo4jSocialGraph implements SocialGraph {

	/** Variable-length bounds cannot be parameters in Cypher; this constant is the only thing spliced in. */
	static final int MAX_REFERRAL_DEPTH = 10;

	private final Neo4jClient neo4j;

	Neo4jSocialGraph(Neo4jClient neo4j) {
		this.neo4j = neo4j;
	}

	@Override
	public void follow(String me, String other) {
		if (me.equals(other)) {
			throw new CannotFollowYourself();
		}
		// The caller is signed in, so their node is merged even if their registration event is still on its way.
		boolean followed = Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (other:Customer {id: $other})
				MERGE (me:Customer {id: $me})
				MERGE (me)-[follows:FOLLOWS]->(other)
				  ON CREATE SET follows.since = datetime()
				RETURN other.id""")
				.bindAll(Map.of("me", me, "other", other)).fetchAs(String.class).one().isPresent());
		if (!followed) {
			throw new UnknownCustomer(other);
		}
	}

	@Override
	public void unfollow(String me, String other) {
		boolean known = Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (other:Customer {id: $other})
				OPTIONAL MATCH (:Customer {id: $me})-[follows:FOLLOWS]->(other)
				DELETE follows
				RETURN other.id""")
				.bindAll(Map.of("me", me, "other", other)).fetchAs(String.class).one().isPresent());
		if (!known) {
			throw new UnknownCustomer(other);
		}
	}

	@Override
	public PageView<CustomerSummary> following(String me, Paging paging) {
		return customers("(:Customer {id: $me})-[:FOLLOWS]->(c:Customer)", me, paging);
	}

	@Override
	public PageView<CustomerSummary> followers(String me, Paging paging) {
		return customers("(:Customer {id: $me})<-[:FOLLOWS]-(c:Customer)", me, paging);
	}

	private PageView<CustomerSummary> customers(String pattern, String me, Paging paging) {
		return Neo4jOutage.refused(() -> {
			long total = neo4j.query("MATCH " + pattern + " RETURN count(c)")
					.bind(me).to("me").fetchAs(Long.class).one().orElse(0L);
			List<CustomerSummary> items = neo4j.query("MATCH " + pattern + """
					 RETURN c.id AS id, c.name AS name
					ORDER BY c.name, c.id SKIP $skip LIMIT $limit""")
					.bindAll(Map.of("me", me, "skip", paging.offset(), "limit", paging.size()))
					.fetchAs(CustomerSummary.class)
					.mappedBy((types, row) -> new CustomerSummary(row.get("id").asString(), row.get("name").asString(null)))
					.all().stream().toList();
			return new PageView<>(items, paging.page(), paging.size(), total);
		});
	}

	@Override
	public List<Suggestion> suggestions(String me, int limit) {
		return Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (me:Customer {id: $me})-[:FOLLOWS]->(friend:Customer)-[:FOLLOWS]->(candidate:Customer)
				WHERE candidate <> me AND NOT EXISTS { (me)-[:FOLLOWS]->(candidate) }
				RETURN candidate.id AS id, candidate.name AS name, count(DISTINCT friend) AS mutual
				ORDER BY mutual DESC, name, id LIMIT $limit""")
				.bindAll(Map.of("me", me, "limit", clamp(limit)))
				.fetchAs(Suggestion.class)
				.mappedBy((types, row) -> new Suggestion(row.get("id").asString(), row.get("name").asString(null),
						row.get("mutual").asLong()))
				.all().stream().toList());
	}

	@Override
	public PageView<Referral> referrals(String me, Paging paging) {
		String tree = "MATCH path = (:Customer {id: $me})-[:REFERRED*1.." + MAX_REFERRAL_DEPTH + "]->(c:Customer)";
		return Neo4jOutage.refused(() -> {
			long total = neo4j.query(tree + " RETURN count(DISTINCT c)")
					.bind(me).to("me").fetchAs(Long.class).one().orElse(0L);
			List<Referral> items = neo4j.query(tree + """

					WITH c, min(length(path)) AS depth, collect(nodes(path)[-2].id)[0] AS referredBy
					RETURN c.id AS id, c.name AS name, depth, referredBy
					ORDER BY depth, name, id SKIP $skip LIMIT $limit""")
					.bindAll(Map.of("me", me, "skip", paging.offset(), "limit", paging.size()))
					.fetchAs(Referral.class)
					.mappedBy((types, row) -> new Referral(row.get("id").asString(), row.get("name").asString(null),
							row.get("depth").asInt(), row.get("referredBy").asString(null)))
					.all().stream().toList();
			return new PageView<>(items, paging.page(), paging.size(), total);
		});
	}

	static int clamp(int limit) {
		return Math.max(1, Math.min(limit, Paging.MAX_SIZE));
	}
}
