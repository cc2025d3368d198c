package io.polyshop.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/** Products created through the admin API, each with a fresh SKU. */
public final class Products {

	private Products() {
	}

	public static String create(int port, String price, int stock) {
		return create(port, price, stock, null);
	}

	/** With a title of the test's choosing (the crash tests mark orders by it); null: "Test product" and the SKU. */
	public static String create(int port, String price, int stock, String title) {
		String sku = "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
		ResponseEntity<JsonNode> created = PolyshopHttp.admin(port).post().uri("/api/admin/products")
				.body(Map.of("sku", sku, "title", title != null ? title : "Test product " + sku, "description", "A product made by a test",
						"category", "books", "attributes", Map.of("author", "Test Author"),
						"price", Map.of("amount", price, "currency", "EUR"), "stock", stock))
				.retrieve().toEntity(JsonNode.class);
		if (created.getStatusCode().value() != 201) {
			throw new IllegalStateException("product creation failed: " + created);
		}
		return sku;
	}

}
