package io.polyshop.catalog;

/** A category and how many published products it has. */
public record CategoryCount(String category, long products) {
}
