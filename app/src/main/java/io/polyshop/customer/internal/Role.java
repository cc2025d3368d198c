package io.polyshop.customer.internal;

/** What an account may do: every account is a customer; an admin also manages the shop ({@code /api/admin/**}). */
enum Role {
	CUSTOMER, ADMIN;

	String authority() {
		return "ROLE_" + name();
	}
}
