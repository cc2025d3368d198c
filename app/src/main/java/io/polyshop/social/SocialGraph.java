package io.polyshop.social;

import java.util.List;

import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * Who follows whom and who referred whom, kept in Neo4j. Every method takes the caller's customer id.
 * When Neo4j does not answer, every method throws {@link SocialGraphUnavailable} (503) and changes nothing.
 */
public interface SocialGraph {

	/** Idempotent. Following yourself is a 400 ({@link CannotFollowYourself}); an unknown customer a 404 ({@link UnknownCustomer}). */
	void follow(String me, String other);

	/** Idempotent: unfollowing someone you do not follow changes nothing. An unknown customer is a 404. */
	void unfollow(String me, String other);

	/** The customers I follow, by name. */
	PageView<CustomerSummary> following(String me, Paging paging);

	/** The customers who follow me, by name. */
	PageView<CustomerSummary> followers(String me, Paging paging);

	/** People I may know: followed by people I follow, not followed by me yet, most mutual connections first. */
	List<Suggestion> suggestions(String me, int limit);

	/** The customers I referred, and whom they referred in turn, nearest first. */
	PageView<Referral> referrals(String me, Paging paging);
}
