package io.polyshop.customer.internal;

import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.polyshop.customer.SignedInCustomer;

/**
 * The signed-in account as Spring Security holds it, however it signed in: the form (kept in the Redis session),
 * HTTP Basic, or a bearer token ({@link AccessTokens}; hence also an {@link OAuth2AuthenticatedPrincipal}). It
 * carries only what identifies the customer; the password hash is erased once authentication has checked it.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
final class CustomerPrincipal implements UserDetails, CredentialsContainer, OAuth2AuthenticatedPrincipal {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String id;
	private final String email;
	private final String name;
	private final List<String> authorities;
	@JsonIgnore
	private String passwordHash;
	/** Set for a bearer token: when it expires. */
	@JsonIgnore
	private final Instant tokenExpiresAt;

	/** As the JSON of a browser session in Redis holds it ({@link SessionSerialization}). */
	@JsonCreator
	private CustomerPrincipal(@JsonProperty("id") String id, @JsonProperty("email") String email,
			@JsonProperty("name") String name, @JsonProperty("authorities") List<String> authorities) {
		this.id = id;
		this.email = email;
		this.name = name;
		this.authorities = new ArrayList<>(authorities);
		this.passwordHash = null;
		this.tokenExpiresAt = null;
	}

	CustomerPrincipal(String id, String email, String name, Set<Role> roles, String passwordHash) {
		this(id, email, name, roles, passwordHash, null);
	}

	CustomerPrincipal(String id, String email, String name, Set<Role> roles, String passwordHash, Instant tokenExpiresAt) {
		this.id = id;
		this.email = email;
		this.name = name;
		this.authorities = new ArrayList<>(roles.stream().map(Role::authority).sorted().toList());
		this.passwordHash = passwordHash;
		this.tokenExpiresAt = tokenExpiresAt;
	}

	static CustomerPrincipal of(Customer customer) {
		return new CustomerPrincipal(customer.id().toString(), customer.email(), customer.name(), customer.roles(),
				customer.passwordHash());
	}

	SignedInCustomer customer() {
		return new SignedInCustomer(id, email, name);
	}

	Set<Role> roles() {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Role role : Role.values()) {
			if (authorities.contains(role.authority())) {
				roles.add(role);
			}
		}
		return roles;
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

	/** The token's subject: the customer id (an email can change, the id cannot). */
	@Override
	public String getName() {
		return id;
	}

	/** Introspection claims (RFC 7662) of a bearer token; Spring Security reads {@code exp} from here. */
	@Override
	public Map<String, Object> getAttributes() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(OAuth2TokenIntrospectionClaimNames.SUB, id);
		attributes.put(OAuth2TokenIntrospectionClaimNames.USERNAME, email);
		if (tokenExpiresAt != null) {
			attributes.put(OAuth2TokenIntrospectionClaimNames.EXP, tokenExpiresAt);
		}
		return attributes;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
