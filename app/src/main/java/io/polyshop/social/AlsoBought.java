package io.polyshop.social;

/** A product bought by customers who also bought a given product, with how many of them did. */
public record AlsoBought(String sku, String title, long customers) {
}
