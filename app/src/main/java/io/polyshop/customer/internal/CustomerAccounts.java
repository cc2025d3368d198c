package io.polyshop.customer.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Where Spring Security looks up an account by the email given at sign-in (form or HTTP Basic). */
@Component
class CustomerAccounts implements UserDetailsService {

	private final Customers customers;

	CustomerAccounts(Customers customers) {
		this.customers = customers;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return customers.findByEmail(email.strip()).map(CustomerPrincipal::of)
				.orElseThrow(() -> new UsernameNotFoundException("No account for this email"));
	}
}
