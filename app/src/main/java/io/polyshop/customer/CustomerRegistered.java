package io.polyshop.customer;

import java.time.Instant;

/**
 * A customer account was created. Published inside the registration transaction, so it is in the outbox
 * exactly when the account exists.
 *
 * @param referrerId the id of the customer whose referral code was given at registration, or {@code null}
 */
public record CustomerRegistered(String customerId, String name, String email, String referrerId, Instant registeredAt) {
}
