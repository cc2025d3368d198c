package io.polyshop.inventory;

/**
 * What {@link Inventory#recountReserved} found for one SKU.
 *
 * @param reservedBefore the reserved units the row held
 * @param heldByOrders what the open orders hold, counted under the row's lock
 * @param corrected whether reserved was set to {@code heldByOrders}
 */
public record ReservedRecount(String sku, int onHand, int reservedBefore, int heldByOrders, boolean corrected) {
}
