package io.polyshop.cart.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


import io.polyshop.cart.CartOwner;
import io.polyshop.cart.CartPricing;
import io.polyshop.cart.PricedCart;
import io.polyshop.shared.Money;

/**
 * The caller's own cart (see {@link CartOwners}: no path or body can name another). It stores SKUs and
 * quantities only; every answer shows today's prices from inventory and titles from the catalog ({@link PricedCart}).
 * HTTP only: the rules of a change are {@link CartChanges}' and {@link RequestedQuantity}'s.
 */
@RestController
class CartController {

	private final RedisCarts carts;
	private final CartChanges changes;
	private final CartOwners owners;
	private final CartPricing pricing;
	private final Clock clock;

	CartController(RedisCarts carts, CartChanges changes, CartOwners owners, CartPricing pricing, Clock clock) {
		this.carts = carts;
		this.changes = changes;
		this.owners = owners;
		this.pricing = pricing;
		this.clock = clock;
	}

	@GetMapping("/api/cart")
	CartView cart(HttpServletRequest request) {
		return view(owners.of(request));
	}

	/** Sets the quantity of one line; 0 removes it. */
	@PutMapping("/api/cart/items/{sku}")
	CartView setQuantity(@PathVariable String sku, @RequestBody QuantityChange change, HttpServletRequest request) {
		RequestedQuantity quantity = RequestedQuantity.toSet(change.quantity());
		CartOwner owner = owners.of(request);
		changes.set(owner, sku, quantity);
		return view(owner);
	}

	/** Adds to a line (creating it): the atomic "add to cart" that concurrent clicks cannot lose. */
	@PostMapping("/api/cart/items")
	CartView add(@RequestBody Addition addition, HttpServletRequest request) {
		RequestedQuantity quantity = RequestedQuantity.toAdd(addition.quantity());
		CartOwner owner = owners.of(request);
		changes.add(owner, addition.sku(), quantity);
		return view(owner);
	}

	@DeleteMapping("/api/cart/items/{sku}")
	CartView remove(@PathVariable String sku, HttpServletRequest request) {
		CartOwner owner = owners.of(request);
		changes.remove(owner, sku);
		return view(owner);
	}

	@DeleteMapping("/api/cart")
	CartView clear(HttpServletRequest request) {
		CartOwner owner = owners.of(request);
		changes.clear(owner);
		return view(owner);
	}

	private CartView view(CartOwner owner) {
		PricedCart priced = pricing.price(carts.items(owner));
		List<CartLineView> lines = priced.lines().stream().map(line -> new CartLineView(line.sku(), line.title(),
				line.quantity(), line.unitPrice(), line.lineTotal(), line.available())).toList();
		long ttl = carts.secondsToLive(owner);
		return new CartView(lines, priced.total().orElse(null), priced.totals(), ttl < 0 ? null : clock.instant().plusSeconds(ttl));
	}

	/** Only a quantity: any other field (a price, an owner) is refused (strict request bodies), never ignored. */
	record QuantityChange(Integer quantity) {
	}

	record Addition(String sku, Integer quantity) {
	}

	record CartView(List<CartLineView> items, Money total, List<Money> totals, Instant expiresAt) {
	}

	record CartLineView(String sku, String title, int quantity, Money unitPrice, Money lineTotal, int available) {
	}
}
