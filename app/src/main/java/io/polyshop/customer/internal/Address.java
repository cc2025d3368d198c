package io.polyshop.customer.internal;

import org.springframework.data.relational.core.mapping.Table;

/** A postal address the customer keeps on their account: a row of {@code customer_addresses}. */
@Table("customer_addresses")
record Address(String name, String line1, String city, String postalCode, String country) {
}
