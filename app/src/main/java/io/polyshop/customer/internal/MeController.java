package io.polyshop.customer.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.customer.SignedInCustomer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code /api/me}: the signed-in customer's own account, read fresh from PostgreSQL. */
@RestController
class MeController {

	static final int MAX_ADDRESSES = 10;

	private final Customers customers;
	private final PasswordEncoder passwordEncoder;
	private final AccessTokens tokens;

	MeController(Customers customers, PasswordEncoder passwordEncoder, AccessTokens tokens) {
		this.customers = customers;
		this.passwordEncoder = passwordEncoder;
		this.tokens = tokens;
	}

	@GetMapping("/api/me")
	MeView me(SignedInCustomer signedIn) {
		return MeView.of(account(signedIn));
	}

	/** Replaces the address book as a whole: the client sends the list it wants to keep. */
	@PutMapping("/api/me/addresses")
	@Transactional
	MeView replaceAddresses(SignedInCustomer signedIn, @RequestBody @Valid @Size(max = MAX_ADDRESSES) List<@Valid AddressForm> addresses) {
		Customer customer = account(signedIn);
		customer.replaceAddresses(addresses.stream().map(AddressForm::toAddress).toList());
		return MeView.of(customers.save(customer));
	}

	/**
	 * A new password, given the current one (a stolen session or token alone cannot take the account over). Every
	 * bearer token issued so far is revoked: whoever changes a password after a leak wants the old tokens dead.
	 */
	@PutMapping("/api/me/password")
	@Transactional
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(SignedInCustomer signedIn, @RequestBody @Valid PasswordChange change) {
		Customer customer = account(signedIn);
		if (!passwordEncoder.matches(change.currentPassword(), customer.passwordHash())) {
			throw CustomerProblem.wrongCurrentPassword();
		}
		PasswordPolicy.check(change.newPassword(), customer.email());
		customer.changePassword(passwordEncoder.encode(change.newPassword()));
		customers.save(customer);
		tokens.revokeAll(customer.id().toString());
	}

	record PasswordChange(@NotNull String currentPassword, @NotNull String newPassword) {
	}

	private Customer account(SignedInCustomer signedIn) {
		// the account can be gone while a session still names it
		return customers.findById(UUID.fromString(signedIn.id())).orElseThrow(CustomerProblem::accountGone);
	}

	record AddressForm(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String line1,
			@NotBlank @Size(max = 100) String city, @NotBlank @Size(max = 20) String postalCode,
			@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 two-letter country code like DE") String country) {

		Address toAddress() {
			return new Address(name.strip(), line1.strip(), city.strip(), postalCode.strip(), country);
		}
	}

	record MeView(String id, String email, String name, Set<Role> roles, String referralCode, List<AddressView> addresses) {

		static MeView of(Customer customer) {
			return new MeView(customer.id().toString(), customer.email(), customer.name(), customer.roles(),
					customer.referralCode(), customer.addresses().stream().map(AddressView::of).toList());
		}
	}

	record AddressView(String name, String line1, String city, String postalCode, String country) {

		static AddressView of(Address address) {
			return new AddressView(address.name(), address.line1(), address.city(), address.postalCode(), address.country());
		}
	}
}
