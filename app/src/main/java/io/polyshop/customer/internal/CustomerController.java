package io.polyshop.customer.internal;


import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/customers}: anyone may open an account. */
@RestController
class CustomerController {

	private final CustomerRegistration registration;

	CustomerController(CustomerRegistration registration) {
		this.registration = registration;
	}

	@PostMapping("/api/customers")
	@ResponseStatus(HttpStatus.CREATED)
	CustomerView register(@Valid @RequestBody NewCustomer request) {
		Customer customer = registration.register(request.email(), request.password(), request.name(),
				request.referralCode(), request.privateProfile() == null || request.privateProfile());
		return new CustomerView(customer.id().toString(), customer.email(), customer.name(), customer.referralCode());
	}

	/** What a client may send to register, and nothing else: any other field (say {@code roles}) is refused. */
	record NewCustomer(
			@NotBlank @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be an email address like name@example.com") @Size(max = 254) String email,
			@NotNull String password,
			@NotBlank @Size(max = 200) String name,
			@Size(max = 20) String referralCode,
			@Schema(description = "whether others need your approval to follow you (default true)") Boolean privateProfile) {
	}

	record CustomerView(String id, String email, String name, String referralCode) {
	}
}
