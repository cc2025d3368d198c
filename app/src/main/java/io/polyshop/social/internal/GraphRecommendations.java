package io.polyshop.social.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import io.polyshop.checkout.Bestsellers;
import io.polyshop.social.AlsoBought;
import io.polyshop.social.Recommendations;
import io.polyshop.social.RecommendedProducts;
import io.polyshop.social.RecommendedProducts.RecommendedProduct;
import io.polyshop.social.RecommendedProducts.Source;

/**
 * Recommendations from PURCHASED edges of the people around a customer. A purchase counts
 * {@code 1 × 0.5^(age / half-life)} at depth 1 and {@code depth2Weight} times that at depth 2, so a recent
 * purchase by someone I follow outranks an old one or one by a friend of a friend. The queries are Cypher files next
 * to this class, shared with the benchmarks module.
 */
@Service
class GraphRecommendations implements Recommendations {

	private static final Logger log = LoggerFactory.getLogger(GraphRecommendations.class);

	/** How far the product looks: the people I follow and the people they follow. */
	static final int DEPTH = 2;

	private static final String FOR_CUSTOMER = cypher("recommendations-for-customer.cypher");

	private static final String ALSO_BOUGHT = cypher("also-bought.cypher");

	private final Neo4jClient neo4j;
	private final Bestsellers bestsellers;
	private final double depth2Weight;
	private final Duration recencyHalfLife;
	private final int minPeople;
	private final Clock clock;

	GraphRecommendations(Neo4jClient neo4j, Bestsellers bestsellers,
			@Value("${polyshop.social.recommendations.depth2-weight:0.5}") double depth2Weight,
			@Value("${polyshop.social.recommendations.recency-half-life:30d}") Duration recencyHalfLife,
			@Value("${polyshop.social.privacy.min-people:2}") int minPeople, Clock clock) {
		this.clock = clock;
		this.neo4j = neo4j;
		this.bestsellers = bestsellers;
		this.depth2Weight = depth2Weight;
		this.recencyHalfLife = recencyHalfLife;
		this.minPeople = atLeastTwo(minPeople);
	}

	/** k-anonymity needs k &ge; 2: with 1, following one person shows exactly what that person bought. */
	static int atLeastTwo(int minPeople) {
		if (minPeople < 2) {
			throw new IllegalArgumentException("polyshop.social.privacy.min-people must be at least 2, not " + minPeople);
		}
		return minPeople;
	}

	@Override
	public RecommendedProducts forCustomer(String me, int limit) {
		try {
			return new RecommendedProducts(fromGraph(me, Neo4jSocialGraph.clamp(limit)), Source.GRAPH);
		}
		catch (RuntimeException e) {
			if (!Neo4jOutage.causedBy(e)) {
				throw e;
			}
			log.warn("Neo4j did not answer, recommending bestsellers instead: {}", e.toString());
			return new RecommendedProducts(fromBestsellers(Neo4jSocialGraph.clamp(limit)), Source.FALLBACK);
		}
	}

	private List<RecommendedProduct> fromGraph(String me, int limit) {
		return fromGraph(me, limit, DEPTH);
	}

	/** At any depth: the product asks for {@link #DEPTH}; the module's tests and the benchmarks go further. */
	List<RecommendedProduct> fromGraph(String me, int limit, int depth) {
		return neo4j.query(forCustomerQuery(depth))
				.bindAll(parameters(me, limit))
				.fetchAs(RecommendedProduct.class)
				.mappedBy((types, row) -> new RecommendedProduct(row.get("sku").asString(), row.get("title").asString(null),
						round(row.get("score").asDouble()), reason(row.get("followed").asLong(), row.get("buyers").asLong(), minPeople)))
				.all().stream().toList();
	}

	/**
	 * The Cypher for "bought by people up to {@code depth} FOLLOWS hops away", from {@code recommendations-for-customer.cypher}
	 * next to this class: one file that the benchmarks module runs too, so what it measures is what the product asks.
	 */
	static String forCustomerQuery(int depth) {
		if (depth < 1) {
			throw new IllegalArgumentException("depth must be at least 1, not " + depth);
		}
		return FOR_CUSTOMER.formatted(depth);
	}

	Map<String, Object> parameters(String me, int limit) {
		return Map.of("me", me, "now", clock.instant().atOffset(ZoneOffset.UTC), "depth2Weight", depth2Weight,
				"halfLifeSeconds", (double) recencyHalfLife.toSeconds(), "limit", limit, "minPeople", minPeople);
	}

	private static String cypher(String file) {
		try (InputStream in = GraphRecommendations.class.getResourceAsStream(file)) {
			if (in == null) {
				throw new IllegalStateException(file + " is not on the class path next to " + GraphRecommendations.class.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Counts of people, never a count below k (that would point at someone) and never a name. */
	static String reason(long followed, long buyers, int minPeople) {
		return followed >= minPeople ? "bought by " + followed + " people you follow"
				: "bought by " + buyers + " people in your network";
	}

	private static double round(double score) {
		return Math.round(score * 1000) / 1000.0;
	}

	/** Everyone's bestsellers: excludes nothing, because without the graph we do not know what this customer bought. */
	private List<RecommendedProduct> fromBestsellers(int limit) {
		return bestsellers.top(limit).stream()
				.map(top -> new RecommendedProduct(top.sku(), top.title(), top.unitsSold(), "bestseller"))
				.toList();
	}

	@Override
	public List<AlsoBought> alsoBought(String sku, int limit) {
		return Neo4jOutage.refused(() -> neo4j.query(ALSO_BOUGHT)
				.bindAll(Map.of("sku", sku, "limit", Neo4jSocialGraph.clamp(limit)))
				.fetchAs(AlsoBought.class)
				.mappedBy((types, row) -> new AlsoBought(row.get("sku").asString(), row.get("title").asString(null),
						row.get("customers").asLong()))
				.all().stream().toList());
	}
}
