package io.polyshop.checkout.internal;

import java.time.Instant;

import org.springframework.data.relational.core.mapping.Table;

@Table("order_status_changes")
record StatusChange(String status, String reason, Instant changedAt) {
}
