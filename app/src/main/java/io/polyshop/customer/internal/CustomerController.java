package io.polyshop.customer.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonAnySetter;

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

	/**
	 * What a client may send to register, and nothing else: any other field (say {@code roles} or {@code id}) is
	 * collected in {@code unknown} and refused, so a client never believes it set something it did not.
	 */
	record NewCustomer(
			@NotBlank @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be an email address like name@example.com") @Size(max = 254) String email,
			@NotNull String password,
			@NotBlank @Size(max = 200) String name,
			@Size(max = 20) String referralCode,
			@Schema(description = "whether others need your approval to follow you (default true)") Boolean privateProfile,
			@Schema(hidden = true) @JsonAnySetter @Size(max = 0, message = "is not a field of this request") Map<String, Object> unknown) {
	}

	record CustomerView(String id, String email, String name, String referralCode) {
	}
}
