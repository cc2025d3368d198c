package io.polyshop.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.customer.CustomerRegistered;

/**
 * Opens accounts. The account row and the {@link CustomerRegistered} event are written in one PostgreSQL
 * transaction: the event publication registry (the outbox) holds the event exactly when the account exists.
 */
@Service
class CustomerRegistration {

	private final Customers customers;
	private final PasswordEncoder passwordEncoder;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	CustomerRegistration(Customers customers, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
			Clock clock) {
		this.customers = customers;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Customer register(String email, String password, String name, String referralCode, boolean privateProfile) {
		PasswordPolicy.check(password, email);
		if (customers.existsByEmail(email.strip())) {
			throw CustomerProblem.emailTaken(Customer.normalizeEmail(email));
		}
		UUID referrerId = referralCode == null || referralCode.isBlank() ? null : referrer(referralCode);
		Instant now = clock.instant();
		Customer customer;
		try {
			customer = customers.save(Customer.register(email, name, passwordEncoder.encode(password), unusedReferralCode(),
					referrerId, now));
		}
		catch (DuplicateKeyException raceOnEmail) {
			// two registrations of one email at once: the unique index decides, the loser hears 409
			throw CustomerProblem.emailTaken(Customer.normalizeEmail(email));
		}
		events.publishEvent(new CustomerRegistered(customer.id().toString(), customer.name(), customer.email(),
				referrerId == null ? null : referrerId.toString(), now, privateProfile));
		return customer;
	}

	/** 32^8 codes make a clash rare, not impossible: draw again rather than fail the registration. */
	private String unusedReferralCode() {
		String code = Customer.newReferralCode();
		while (customers.existsByReferralCode(code)) {
			code = Customer.newReferralCode();
		}
		return code;
	}

	private UUID referrer(String referralCode) {
		String code = referralCode.strip().toUpperCase(Locale.ROOT);
		return customers.findByReferralCode(code).map(Customer::id)
				.orElseThrow(() -> CustomerProblem.unknownReferralCode(referralCode.strip()));
	}
}
