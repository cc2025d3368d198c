package io.polyshop.customer;

import java.time.Instant;

/**
 * A customer account was created. Published inside the registration transaction, so it is in the outbox
 * exactly when the account exists.
 *
 * @param referrerId the id of the customer whose referral code was given at registration, or {@code null}
 * @param privateProfile whether others need the customer's approval to follow them; {@code null} (an event
 *        written before the choice existed) counts as private
 */
public record CustomerRegistered(String customerId, String name, String email, String referrerId, Instant registeredAt,
		Boolean privateProfile) {

	/** A private profile, the default. */
	public CustomerRegistered(String customerId, String name, String email, String referrerId, Instant registeredAt) {
		this(customerId, name, email, referrerId, registeredAt, Boolean.TRUE);
	}

	/** Not a bean getter on purpose: the event is stored as JSON, and only its components belong there. */
	public boolean profileIsPrivate() {
		return privateProfile == null || privateProfile;
	}
}
