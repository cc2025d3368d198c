package io.polyshop.catalog;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.PriceInput;

/**
 * A product to create ({@code POST /api/admin/products}): its document and its first price and stock. The SKU
 * format and the price are checked by the inventory's own rules ({@link io.polyshop.inventory.Sku},
 * {@link PriceInput}).
 */
public record NewProduct(
		@NotBlank String sku,
		@NotBlank @Size(max = NewProduct.MAX_TITLE) String title,
		@Size(max = NewProduct.MAX_DESCRIPTION) String description,
		@NotBlank @Pattern(regexp = NewProduct.CATEGORY, message = "must be lower-case letters, digits and '-' (at most 40)") String category,
		@Size(max = NewProduct.MAX_ATTRIBUTES) Map<
				@Pattern(regexp = NewProduct.ATTRIBUTE_KEY, message = "attribute names are a letter then letters, digits or '_' (at most 40)") String,
				@NotNull @Size(max = NewProduct.MAX_ATTRIBUTE_VALUE) String> attributes,
		@Size(max = NewProduct.MAX_IMAGES) List<@NotNull @Size(max = 500) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String> images,
		@NotNull @Valid PriceInput price,
		@NotNull @PositiveOrZero @Max(Inventory.MAX_ON_HAND) Integer stock) {

	public static final int MAX_TITLE = 200;
	public static final int MAX_DESCRIPTION = 5000;
	public static final int MAX_ATTRIBUTES = 30;
	public static final int MAX_ATTRIBUTE_VALUE = 200;
	public static final int MAX_IMAGES = 10;
	/** A category is a slug: {@code books}, {@code board-games}. */
	public static final String CATEGORY = "[a-z0-9][a-z0-9-]{0,39}";
	/** Attribute names can be field names in any store: no {@code $}, no {@code .}, nothing to interpret. */
	public static final String ATTRIBUTE_KEY = "[a-zA-Z][a-zA-Z0-9_]{0,39}";
}
