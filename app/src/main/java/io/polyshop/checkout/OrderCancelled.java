package io.polyshop.checkout;

/** An order was cancelled and its stock given back, for example because the payment was declined. */
public record OrderCancelled(String orderId, String customerId, String reason) {
}
