package io.polyshop.inventory.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.PriceInput;
import io.polyshop.inventory.PricePeriod;
import io.polyshop.inventory.Sku;
import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/** Admin endpoints for what the inventory owns: a product's price (with its history) and its stock. */
@RestController
@RequestMapping("/api/admin/products/{sku}")
class InventoryController {

	private final Inventory inventory;

	InventoryController(Inventory inventory) {
		this.inventory = inventory;
	}

	@PutMapping("/price")
	StockLevel changePrice(@PathVariable String sku, @RequestBody PriceInput price) {
		return inventory.changePrice(Sku.of(sku), price.toMoney());
	}

	@PutMapping("/stock")
	StockLevel setStock(@PathVariable String sku, @Valid @RequestBody StockInput stock) {
		return inventory.setOnHand(Sku.of(sku), stock.onHand());
	}

	@GetMapping("/price-history")
	PageView<PricePeriod> priceHistory(@PathVariable String sku, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return inventory.priceHistory(Sku.of(sku), Paging.of(page, size));
	}

	record StockInput(@NotNull(message = "onHand is required") @PositiveOrZero(message = "onHand cannot be negative")
			@Max(value = Inventory.MAX_ON_HAND, message = "onHand is at most {value}") Integer onHand) {
	}
}
