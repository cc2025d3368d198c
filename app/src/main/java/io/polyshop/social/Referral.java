package io.polyshop.social;

/**
 * A customer in my referral tree: depth 1 I referred myself, depth 2 was referred by one of mine, and so on.
 *
 * @param referredBy the id of the customer who referred this one (me at depth 1)
 */
public record Referral(String id, String name, int depth, String referredBy) {
}
