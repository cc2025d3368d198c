package io.polyshop.customer.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** The customer accounts in PostgreSQL. Emails are looked up lower-cased, as they are stored. */
interface Customers extends ListCrudRepository<Customer, UUID> {

	@Query("SELECT * FROM customers WHERE lower(email) = lower(:email)")
	Optional<Customer> findByEmail(String email);

	@Query("SELECT EXISTS (SELECT 1 FROM customers WHERE lower(email) = lower(:email))")
	boolean existsByEmail(String email);

	Optional<Customer> findByReferralCode(String referralCode);

	boolean existsByReferralCode(String referralCode);

	/** A plain column update: a sign-in must not conflict with (or bump the version of) an address change. */
	@Modifying
	@Query("UPDATE customers SET last_signed_in_at = :at WHERE id = :id")
	int markSignedIn(UUID id, Instant at);
}
