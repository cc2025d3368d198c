package io.polyshop.social.internal;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
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
	private final int minPeople;

	Neo4jSocialGraph(Neo4jClient neo4j, @Value("${polyshop.social.privacy.min-people:2}") int minPeople) {
		this.neo4j = neo4j;
		this.minPeople = GraphRecommendations.atLeastTwo(minPeople);
	}

	@Override
	public FollowOutcome follow(String me, String other) {
		if (me.equals(other)) {
			throw new CannotFollowYourself();
		}
		// The caller is signed in, so their node is merged even if their registration event is still on its way.
		// A profile without the flag (registered before profiles could be public) counts as private.
		String outcome = Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (other:Customer {id: $other})
				MERGE (me:Customer {id: $me})
				WITH me, other, coalesce(other.private, true) AND NOT EXISTS { (me)-[:FOLLOWS]->(other) } AS ask
				FOREACH (_ IN CASE WHEN ask THEN [1] ELSE [] END |
				  MERGE (me)-[request:REQUESTED_FOLLOW]->(other) ON CREATE SET request.since = datetime())
				FOREACH (_ IN CASE WHEN ask THEN [] ELSE [1] END |
				  MERGE (me)-[follows:FOLLOWS]->(other) ON CREATE SET follows.since = datetime())
				RETURN CASE WHEN ask THEN 'REQUESTED' ELSE 'FOLLOWING' END""")
				.bindAll(Map.of("me", me, "other", other)).fetchAs(String.class).one().orElse(null));
		if (outcome == null) {
			throw new UnknownCustomer(other);
		}
		return FollowOutcome.valueOf(outcome);
	}

	@Override
	public void setPrivateProfile(String me, boolean privateProfile) {
		Neo4jOutage.refused(() -> neo4j.query("MERGE (me:Customer {id: $me}) SET me.private = $private")
				.bindAll(Map.of("me", me, "private", privateProfile)).run());
	}

	@Override
	public PageView<CustomerSummary> followRequests(String me, Paging paging) {
		return customers("(:Customer {id: $me})<-[:REQUESTED_FOLLOW]-(c:Customer)", me, paging);
	}

	@Override
	public void approveFollower(String me, String requester) {
		boolean approved = Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (requester:Customer {id: $requester})-[request:REQUESTED_FOLLOW]->(me:Customer {id: $me})
				MERGE (requester)-[follows:FOLLOWS]->(me) ON CREATE SET follows.since = datetime()
				DELETE request
				RETURN requester.id""")
				.bindAll(Map.of("me", me, "requester", requester)).fetchAs(String.class).one().isPresent());
		if (!approved) {
			throw new UnknownCustomer(requester);
		}
	}

	@Override
	public void declineFollower(String me, String requester) {
		Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (:Customer {id: $requester})-[request:REQUESTED_FOLLOW]->(:Customer {id: $me})
				DELETE request""")
				.bindAll(Map.of("me", me, "requester", requester)).run());
	}

	@Override
	public void unfollow(String me, String other) {
		boolean known = Neo4jOutage.refused(() -> neo4j.query("""
				MATCH (other:Customer {id: $other})
				OPTIONAL MATCH (:Customer {id: $me})-[follows:FOLLOWS|REQUESTED_FOLLOW]->(other)
				DELETE follows
				RETURN DISTINCT other.id""")
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
				WITH candidate, count(DISTINCT friend) AS mutual
				WHERE mutual >= $minPeople
				RETURN candidate.id AS id, candidate.name AS name, mutual
				ORDER BY mutual DESC, name, id LIMIT $limit""")
				.bindAll(Map.of("me", me, "limit", clamp(limit), "minPeople", minPeople))
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
