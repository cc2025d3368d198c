package io.polyshop.customer;

/**
 * Who is calling: the customer behind the current request, however they signed in (HTTP Basic or session).
 * A controller parameter of this type is resolved for signed-in requests (an anonymous request gets a 401);
 * {@link CurrentCustomer} answers the same question where signing in is optional.
 */
public record SignedInCustomer(String id, String email, String name) {
}
