package io.polyshop.cart.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How big and how long-lived a cart may be.
 *
 * @param maxQuantityPerLine the most units of one SKU in a cart
 * @param maxLines the most different SKUs in a cart
 * @param anonymousTtl how long an untouched anonymous cart is kept
 * @param customerTtl how long an untouched customer's cart is kept
 */
@ConfigurationProperties("polyshop.cart")
record CartLimits(int maxQuantityPerLine, int maxLines, Duration anonymousTtl, Duration customerTtl) {
}
