package io.polyshop.customer.internal;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.polyshop.customer.CurrentCustomer;
import io.polyshop.customer.SignedInCustomer;

/** The current customer from Spring Security's context of the request being served. */
@Component
class SecurityContextCurrentCustomer implements CurrentCustomer {

	@Override
	public Optional<SignedInCustomer> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CustomerPrincipal principal
				? Optional.of(principal.customer())
				: Optional.empty();
	}
}
