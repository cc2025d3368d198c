package io.polyshop.catalog;

import java.util.List;
import java.util.Map;

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
		@NotBlank(message = "sku is required") String sku,
		@NotBlank(message = "title is required")
		@Size(max = NewProduct.MAX_TITLE, message = "title is at most {max} characters") String title,
		@Size(max = NewProduct.MAX_DESCRIPTION, message = "description is at most {max} characters") String description,
		@NotBlank(message = "category is required")
		@Pattern(regexp = NewProduct.CATEGORY, message = "category is lower-case letters, digits and dashes, at most 40 characters") String category,
		@Size(max = NewProduct.MAX_ATTRIBUTES, message = "at most {max} attributes") Map<
				@Pattern(regexp = NewProduct.ATTRIBUTE_KEY, message = "attribute names are a letter, then letters, digits or underscores, at most 40 characters") String,
				@NotNull(message = "attribute values are required")
				@Size(max = NewProduct.MAX_ATTRIBUTE_VALUE, message = "attribute values are at most {max} characters") String> attributes,
		@Size(max = NewProduct.MAX_IMAGES, message = "at most {max} images") List<
				@NotNull(message = "image URLs are required")
				@Size(max = 500, message = "image URLs are at most {max} characters")
				@Pattern(regexp = "https?://[^\\s]+", message = "images are http(s) URLs") String> images,
		@NotNull(message = "price is required") PriceInput price,
		@NotNull(message = "stock is required")
		@PositiveOrZero(message = "stock cannot be negative")
		@Max(value = Inventory.MAX_ON_HAND, message = "stock is at most {value}") Integer stock) {

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
