package io.polyshop.customer;

import java.time.Instant;

/**
 * A customer signed in through the browser form and now has a session of their own. Spring Security gives the
 * session a new id at sign-in (session fixation protection); {@code previousSessionId} is the id of the
 * anonymous session the browser had before, or {@code null} if it had none: what the cart module needs to merge
 * the anonymous cart into the customer's. Not published for HTTP Basic requests, which have no session.
 */
public record CustomerSignedIn(String customerId, String previousSessionId, Instant signedInAt) {
}
