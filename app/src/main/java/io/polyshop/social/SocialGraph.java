package io.polyshop.social;

import java.util.List;

import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * Who follows whom and who referred whom, kept in Neo4j. Every method takes the caller's customer id.
 * When Neo4j does not answer, every method throws {@link SocialGraphUnavailable} (503) and changes nothing.
 */
public interface SocialGraph {

	/**
	 * Idempotent. A public profile is followed at once; a private one (the default) gets a follow request that its
	 * owner approves or declines. Following yourself is a 400 ({@link CannotFollowYourself}); an unknown customer
	 * a 404 ({@link UnknownCustomer}).
	 */
	FollowOutcome follow(String me, String other);

	/** What a follow did. */
	enum FollowOutcome {
		FOLLOWING, REQUESTED
	}

	/** Idempotent: unfollowing someone you do not follow changes nothing; a pending request is withdrawn. An unknown customer is a 404. */
	void unfollow(String me, String other);

	/** Private (follows need my approval) or public. */
	void setPrivateProfile(String me, boolean privateProfile);

	/** Who asked to follow me and waits for my answer. */
	PageView<CustomerSummary> followRequests(String me, Paging paging);

	/** Approves a follow request: the requester now follows me. No such request is a 404 ({@link UnknownCustomer}). */
	void approveFollower(String me, String requester);

	/** Declines (or removes) a follow request; idempotent. */
	void declineFollower(String me, String requester);

	/** The customers I follow, by name. */
	PageView<CustomerSummary> following(String me, Paging paging);

	/** The customers who follow me, by name. */
	PageView<CustomerSummary> followers(String me, Paging paging);

	/**
	 * People I may know: followed by at least k of the people I follow (k &ge; 2, so that the list never shows whom
	 * one particular person follows), not followed by me yet, most mutual connections first.
	 */
	List<Suggestion> suggestions(String me, int limit);

	/** The customers I referred, and whom they referred in turn, nearest first. */
	PageView<Referral> referrals(String me, Paging paging);
}
