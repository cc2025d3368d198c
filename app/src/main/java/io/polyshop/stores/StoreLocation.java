package io.polyshop.stores;

/**
 * Where one store lives.
 *
 * @param address the server address with any credentials removed, safe to show and log
 */
public record StoreLocation(Store store, StoreMode mode, String address) {
}
