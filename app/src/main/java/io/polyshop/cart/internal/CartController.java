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

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.polyshop.cart.CartOwner;
import io.polyshop.cart.CartPricing;
import io.polyshop.cart.PricedCart;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.Sku;
import io.polyshop.inventory.StockLevel;
import io.polyshop.inventory.UnknownSku;
import io.polyshop.shared.Money;
import io.polyshop.shared.Refusal;

/**
 * The caller's own cart (see {@link CartOwners}: no path or body can name another). It stores SKUs and
 * quantities only; every answer shows today's prices from inventory and titles from the catalog.
 */
@RestController
class CartController {

	private final RedisCarts carts;
	private final CartOwners owners;
	private final Inventory inventory;
	private final CartPricing pricing;
	private final Clock clock;

	CartController(RedisCarts carts, CartOwners owners, Inventory inventory, CartPricing pricing, Clock clock) {
		this.carts = carts;
		this.owners = owners;
		this.inventory = inventory;
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
		StockLevel stock = knownSku(sku);
		int quantity = change.validQuantity();
		refuseBeyondStock(stock, quantity);
		CartOwner owner = owners.of(request);
		carts.set(owner, stock.sku(), quantity);
		return view(owner);
	}

	/** Adds to a line (creating it): the atomic "add to cart" that concurrent clicks cannot lose. */
	@PostMapping("/api/cart/items")
	CartView add(@RequestBody Addition addition, HttpServletRequest request) {
		StockLevel stock = knownSku(addition.sku());
		int quantity = new QuantityChange(addition.quantity(), addition.unknown()).validQuantity();
		if (quantity == 0) {
			throw badRequest("quantity must be at least 1 to add to the cart");
		}
		CartOwner owner = owners.of(request);
		carts.add(owner, stock.sku(), quantity, stock.available());
		return view(owner);
	}

	@DeleteMapping("/api/cart/items/{sku}")
	CartView remove(@PathVariable String sku, HttpServletRequest request) {
		CartOwner owner = owners.of(request);
		carts.remove(owner, Sku.of(sku).value());
		return view(owner);
	}

	@DeleteMapping("/api/cart")
	CartView clear(HttpServletRequest request) {
		CartOwner owner = owners.of(request);
		carts.clear(owner);
		return view(owner);
	}

	private StockLevel knownSku(String sku) {
		return inventory.find(Sku.of(sku).value()).orElseThrow(() -> new UnknownSku(sku));
	}

	private static void refuseBeyondStock(StockLevel stock, int quantity) {
		if (quantity > stock.available()) {
			throw RedisCarts.notEnoughStock(stock.sku(), stock.available());
		}
	}

	private CartView view(CartOwner owner) {
		PricedCart priced = pricing.price(carts.items(owner));
		List<CartLineView> lines = priced.lines().stream().map(line -> new CartLineView(line.sku(), line.title(),
				line.quantity(), line.unitPrice(), line.lineTotal(), line.available())).toList();
		long ttl = carts.secondsToLive(owner);
		return new CartView(lines, priced.total().orElse(null), priced.totals(), ttl < 0 ? null : clock.instant().plusSeconds(ttl));
	}

	static Refusal badRequest(String detail) {
		return new Refusal(Refusal.Reason.INVALID, "Invalid cart change", detail);
	}

	/** Only a quantity: any other field (a price, an owner) is refused, never silently ignored. */
	record QuantityChange(Integer quantity, @JsonAnySetter Map<String, Object> unknown) {

		int validQuantity() {
			if (unknown != null && !unknown.isEmpty()) {
				throw badRequest("Not fields of this request: " + String.join(", ", unknown.keySet().stream().sorted().toList())
						+ ". Only quantity can be set; prices come from inventory.");
			}
			if (quantity == null || quantity < 0) {
				throw badRequest("quantity is required and must be 0 or more");
			}
			return quantity;
		}
	}

	record Addition(String sku, Integer quantity, @JsonAnySetter Map<String, Object> unknown) {
	}

	record CartView(List<CartLineView> items, Money total, List<Money> totals, Instant expiresAt) {
	}

	record CartLineView(String sku, String title, int quantity, Money unitPrice, Money lineTotal, int available) {
	}
}
