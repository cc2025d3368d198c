package io.polyshop.customer.internal;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import io.polyshop.customer.SignedInCustomer;

/**
 * The signed-in account as Spring Security holds it. It is serialized into the Redis session, so it carries
 * only what identifies the customer; the password hash is erased once authentication has checked it.
 */
final class CustomerPrincipal implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String id;
	private final String email;
	private final String name;
	private final List<String> authorities;
	private String passwordHash;

	CustomerPrincipal(String id, String email, String name, Set<Role> roles, String passwordHash) {
		this.id = id;
		this.email = email;
		this.name = name;
		this.authorities = roles.stream().map(Role::authority).sorted().toList();
		this.passwordHash = passwordHash;
	}

	static CustomerPrincipal of(Customer customer) {
		return new CustomerPrincipal(customer.id().toString(), customer.email(), customer.name(), customer.roles(),
				customer.passwordHash());
	}

	SignedInCustomer customer() {
		return new SignedInCustomer(id, email, name);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities.stream().map(SimpleGrantedAuthority::new).toList();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
