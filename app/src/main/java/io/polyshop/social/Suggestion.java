package io.polyshop.social;

/** Someone I may want to follow, and how many of the people I follow already follow them. */
public record Suggestion(String id, String name, long mutualCount) {
}
