package io.polyshop.checkout;

/**
 * Which payment gateway this instance charges through, and whether it is the simulator (then no money moves and
 * any valid test card is approved: the banner, the console and the storefront's checkout page say so).
 */
public record PaymentMode(String gateway, boolean simulated) {
}
