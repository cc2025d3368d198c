package io.polyshop.customer.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A customer account: the aggregate root of {@code customers}, with its roles and addresses. */
@Table("customers")
class Customer {

	/** Crockford's base32 without I, L, O, U: short codes people can read out and type without confusion. */
	private static final char[] REFERRAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
	private static final int REFERRAL_CODE_LENGTH = 8;
	private static final SecureRandom RANDOM = new SecureRandom();

	@Id
	private UUID id;
	private String email;
	private String name;
	private String passwordHash;
	private String referralCode;
	private UUID referredBy;
	private Instant registeredAt;
	private Instant lastSignedInAt;
	@Version
	private Long version;
	@MappedCollection(idColumn = "customer_id")
	private Set<RoleGrant> roles;
	@MappedCollection(idColumn = "customer_id", keyColumn = "position")
	private List<Address> addresses;

	@PersistenceCreator
	Customer(UUID id, String email, String name, String passwordHash, String referralCode, UUID referredBy,
			Instant registeredAt, Instant lastSignedInAt, Long version, Set<RoleGrant> roles, List<Address> addresses) {
		this.id = id;
		this.email = email;
		this.name = name;
		this.passwordHash = passwordHash;
		this.referralCode = referralCode;
		this.referredBy = referredBy;
		this.registeredAt = registeredAt;
		this.lastSignedInAt = lastSignedInAt;
		this.version = version;
		this.roles = roles;
		this.addresses = addresses;
	}

	/** A new customer account (role CUSTOMER) with a fresh id and referral code of its own. */
	static Customer register(String email, String name, String passwordHash, String referralCode, UUID referredBy,
			Instant now) {
		return new Customer(UUID.randomUUID(), normalizeEmail(email), name.strip(), passwordHash, referralCode,
				referredBy, now, null, null, Set.of(new RoleGrant(Role.CUSTOMER)), List.of());
	}

	static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	static String newReferralCode() {
		char[] code = new char[REFERRAL_CODE_LENGTH];
		for (int i = 0; i < code.length; i++) {
			code[i] = REFERRAL_ALPHABET[RANDOM.nextInt(REFERRAL_ALPHABET.length)];
		}
		return new String(code);
	}

	void changePassword(String newPasswordHash) {
		this.passwordHash = newPasswordHash;
	}

	void replaceAddresses(List<Address> newAddresses) {
		this.addresses = new ArrayList<>(newAddresses);
	}

	UUID id() {
		return id;
	}

	String email() {
		return email;
	}

	String name() {
		return name;
	}

	String passwordHash() {
		return passwordHash;
	}

	String referralCode() {
		return referralCode;
	}

	UUID referredBy() {
		return referredBy;
	}

	Instant registeredAt() {
		return registeredAt;
	}

	Set<Role> roles() {
		return roles.stream().map(RoleGrant::role).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
	}

	List<Address> addresses() {
		return List.copyOf(addresses);
	}
}
