package io.polyshop.social;

/** A customer as the social graph shows them: id and display name (never the email). */
public record CustomerSummary(String id, String name) {
}
