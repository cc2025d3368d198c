package io.polyshop.checkout;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where an order goes. */
public record ShippingAddress(
		@NotBlank @Size(max = 100) String name,
		@NotBlank @Size(max = 200) String line1,
		@NotBlank @Size(max = 100) String city,
		@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 -]+", message = "letters, digits, spaces and dashes only") String postalCode,
		@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166 two-letter country code such as DE") String country) {
}
