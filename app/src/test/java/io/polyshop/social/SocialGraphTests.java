package io.polyshop.social;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.polyshop.shared.Paging;
import io.polyshop.shared.Refusal;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Follows, suggestions and referrals on small hand-built graphs whose answers are known. */
@PolyshopIntegrationTest
class SocialGraphTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	SocialGraph graph;

	SocialFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = SocialFixtures.in(context);
	}

	private String id(String name) {
		return fixtures.id(name);
	}

	@Test
	void registrationPutsTheCustomerInTheGraphOnceWithoutTheEmail() {
		fixtures.register("ann");
		fixtures.register("ann"); // a redelivered registration

		assertThat(fixtures.count("MATCH (c:Customer) WHERE c.id = $prefix + 'ann' RETURN count(c)")).isOne();
		assertThat(fixtures.count("MATCH (c:Customer) WHERE c.id = $prefix + 'ann' AND c.email IS NULL AND c.name = 'ann' RETURN count(c)"))
				.isOne();
	}

	@Test
	void followingAndFollowersArePagedByName() {
		fixtures.register("ann", "bob", "cat", "dan");
		graph.follow(id("ann"), id("dan"));
		graph.follow(id("ann"), id("bob"));
		graph.follow(id("ann"), id("cat"));
		graph.follow(id("ann"), id("bob")); // idempotent
		graph.follow(id("cat"), id("bob"));

		assertThat(graph.following(id("ann"), Paging.of(0, 2)).items())
				.containsExactly(new CustomerSummary(id("bob"), "bob"), new CustomerSummary(id("cat"), "cat"));
		assertThat(graph.following(id("ann"), Paging.of(1, 2)).items()).containsExactly(new CustomerSummary(id("dan"), "dan"));
		assertThat(graph.following(id("ann"), Paging.of(0, 2)).total()).isEqualTo(3);
		assertThat(graph.followers(id("bob"), Paging.of(0, 20)).items())
				.containsExactly(new CustomerSummary(id("ann"), "ann"), new CustomerSummary(id("cat"), "cat"));
		assertThat(graph.followers(id("ann"), Paging.of(0, 20)).total()).isZero();
	}

	@Test
	void unfollowIsIdempotent() {
		fixtures.register("ann", "bob");
		graph.follow(id("ann"), id("bob"));

		graph.unfollow(id("ann"), id("bob"));
		graph.unfollow(id("ann"), id("bob"));

		assertThat(graph.following(id("ann"), Paging.of(0, 20)).total()).isZero();
		assertThat(graph.followers(id("bob"), Paging.of(0, 20)).total()).isZero();
	}

	@Test
	void nobodyFollowsThemselvesOrSomeoneUnknown() {
		fixtures.register("ann");

		assertThatThrownBy(() -> graph.follow(id("ann"), id("ann"))).isInstanceOfSatisfying(CannotFollowYourself.class,
				e -> assertThat(e.reason()).isEqualTo(Refusal.Reason.INVALID));
		assertThatThrownBy(() -> graph.follow(id("ann"), id("nobody"))).isInstanceOfSatisfying(UnknownCustomer.class,
				e -> assertThat(e.reason()).isEqualTo(Refusal.Reason.NOT_FOUND));
		assertThatThrownBy(() -> graph.unfollow(id("ann"), id("nobody"))).isInstanceOf(UnknownCustomer.class);
		assertThat(graph.following(id("ann"), Paging.of(0, 20)).total()).isZero();
		assertThat(fixtures.count("MATCH (c:Customer) WHERE c.id STARTS WITH $prefix RETURN count(c)")).isOne();
	}

	/**
	 * ann follows bob, cat and dan. bob follows eve and fay; cat follows eve, fay and gus; dan follows eve and ann.
	 * ann already follows dan, whom bob also follows. So: eve (3 mutual), fay (2), gus (1); never ann, bob, cat or dan.
	 */
	@Test
	void suggestionsAreFriendsOfFriendsRankedByMutualCount() {
		fixtures.register("ann", "bob", "cat", "dan", "eve", "fay", "gus");
		follow("ann", "bob", "cat", "dan");
		follow("bob", "eve", "fay", "dan");
		follow("cat", "eve", "fay", "gus");
		follow("dan", "eve", "ann");

		List<Suggestion> suggestions = graph.suggestions(id("ann"), 10);

		// gus is followed by cat alone: suggesting him would tell ann whom cat follows (k = 2)
		assertThat(suggestions).containsExactly(new Suggestion(id("eve"), "eve", 3), new Suggestion(id("fay"), "fay", 2));
		assertThat(graph.suggestions(id("ann"), 1)).extracting(Suggestion::id).containsExactly(id("eve"));
	}

	@Test
	void followingAPrivateProfileNeedsItsOwnersApproval() {
		fixtures.register("fan");
		fixtures.registerPrivate("star");

		assertThat(graph.follow(id("fan"), id("star"))).isEqualTo(SocialGraph.FollowOutcome.REQUESTED);
		assertThat(graph.follow(id("fan"), id("star"))).as("idempotent").isEqualTo(SocialGraph.FollowOutcome.REQUESTED);
		assertThat(graph.following(id("fan"), Paging.of(null, null)).items()).isEmpty();
		assertThat(graph.followRequests(id("star"), Paging.of(null, null)).items()).extracting(CustomerSummary::id)
				.containsExactly(id("fan"));

		graph.approveFollower(id("star"), id("fan"));

		assertThat(graph.following(id("fan"), Paging.of(null, null)).items()).extracting(CustomerSummary::id).containsExactly(id("star"));
		assertThat(graph.followRequests(id("star"), Paging.of(null, null)).items()).isEmpty();
		assertThatThrownBy(() -> graph.approveFollower(id("star"), id("fan"))).as("no request left").isInstanceOf(UnknownCustomer.class);
		assertThat(graph.follow(id("fan"), id("star"))).isEqualTo(SocialGraph.FollowOutcome.FOLLOWING);
	}

	@Test
	void aDeclinedRequestFollowsNobody() {
		fixtures.register("pest");
		fixtures.registerPrivate("quiet");
		graph.follow(id("pest"), id("quiet"));

		graph.declineFollower(id("quiet"), id("pest"));

		assertThat(graph.followRequests(id("quiet"), Paging.of(null, null)).items()).isEmpty();
		assertThat(graph.following(id("pest"), Paging.of(null, null)).items()).isEmpty();
		// a customer may make the profile public: then follows take effect at once
		graph.setPrivateProfile(id("quiet"), false);
		assertThat(graph.follow(id("pest"), id("quiet"))).isEqualTo(SocialGraph.FollowOutcome.FOLLOWING);
	}

	/** ann referred bob and cat; bob referred dan; dan referred eve. eve registers before dan (events out of order). */
	@Test
	void referralTreeHasDepths() {
		fixtures.register("ann");
		fixtures.registerReferred("bob", "ann");
		fixtures.registerReferred("cat", "ann");
		fixtures.registerReferred("eve", "dan");
		fixtures.registerReferred("dan", "bob");
		fixtures.registerReferred("dan", "bob"); // redelivered

		assertThat(graph.referrals(id("ann"), Paging.of(0, 20)).items()).containsExactly(
				new Referral(id("bob"), "bob", 1, id("ann")), new Referral(id("cat"), "cat", 1, id("ann")),
				new Referral(id("dan"), "dan", 2, id("bob")), new Referral(id("eve"), "eve", 3, id("dan")));
		assertThat(graph.referrals(id("bob"), Paging.of(0, 1))).satisfies(page -> {
			assertThat(page.total()).isEqualTo(2);
			assertThat(page.items()).extracting(Referral::id).containsExactly(id("dan"));
		});
		assertThat(fixtures.count("MATCH (c:Customer) WHERE c.id STARTS WITH $prefix RETURN count(c)")).isEqualTo(5);
	}

	@Test
	void idsAndNamesThatLookLikeCypherAreInert() {
		String hostile = "x\"}) DETACH DELETE n //";
		String hostileQuote = "x'}) MATCH (n) DETACH DELETE n //";
		fixtures.register("ann", hostile);
		graph.follow(id("ann"), id(hostile));

		assertThatThrownBy(() -> graph.follow(id("ann"), hostile)).isInstanceOf(UnknownCustomer.class);
		assertThatThrownBy(() -> graph.follow(hostileQuote, id("ann") + "' OR 1=1 //")).isInstanceOf(UnknownCustomer.class);
		assertThat(graph.following(hostile, Paging.of(0, 20)).items()).isEmpty();

		assertThat(graph.following(id("ann"), Paging.of(0, 20)).items()).containsExactly(new CustomerSummary(id(hostile), hostile));
		assertThat(fixtures.count("MATCH (c:Customer) WHERE c.id STARTS WITH $prefix RETURN count(c)")).isEqualTo(2);
	}

	private void follow(String follower, String... followed) {
		for (String other : followed) {
			graph.follow(id(follower), id(other));
		}
	}
}
