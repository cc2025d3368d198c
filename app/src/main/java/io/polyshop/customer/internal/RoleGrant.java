package io.polyshop.customer.internal;

import org.springframework.data.relational.core.mapping.Table;

/** One role of an account: a row of {@code customer_roles}. */
@Table("customer_roles")
record RoleGrant(Role role) {
}
