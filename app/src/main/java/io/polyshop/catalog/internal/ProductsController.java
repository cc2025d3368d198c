package io.polyshop.catalog.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.catalog.Catalog;
import io.polyshop.catalog.CategoryCount;
import io.polyshop.catalog.NewProduct;
import io.polyshop.catalog.Product;
import io.polyshop.catalog.ProductNotFound;
import io.polyshop.catalog.ProductQuery;
import io.polyshop.catalog.ProductSummary;
import io.polyshop.inventory.Sku;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * Browse, search and filter the catalog; create products (admin). Attribute filters are query parameters
 * {@code attr.<name>=<value>} (repeat a parameter to accept any of its values), e.g.
 * {@code /api/products?category=books&attr.author=Ursula%20K.%20Le%20Guin}.
 */
@RestController
class ProductsController {

	private static final String ATTRIBUTE_PREFIX = "attr.";
	private static final Set<String> PARAMETERS = Set.of("q", "category", "page", "size");

	private final Catalog catalog;

	ProductsController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/products")
	PageView<ProductSummary> products(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam MultiValueMap<String, String> parameters) {
		Paging paging = Paging.of(page, size);
		return catalog.search(new ProductQuery(q, category, attributeFilters(parameters)), paging);
	}

	@GetMapping("/api/products/{sku}")
	Product product(@PathVariable String sku) {
		return catalog.find(Sku.of(sku).value()).orElseThrow(() -> new ProductNotFound(sku));
	}

	@GetMapping("/api/categories")
	PageView<CategoryCount> categories() {
		List<CategoryCount> categories = catalog.categories();
		return new PageView<>(categories, 0, categories.size(), categories.size());
	}

	@PostMapping("/api/admin/products")
	ResponseEntity<Product> create(@Valid @RequestBody NewProduct product) {
		Product created = catalog.create(product);
		return ResponseEntity.created(URI.create("/api/products/" + created.sku())).body(created);
	}

	/** {@code attr.<name>} parameters as filters; any other unknown parameter is refused rather than ignored. */
	private static Map<String, List<String>> attributeFilters(MultiValueMap<String, String> parameters) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			if (name.startsWith(ATTRIBUTE_PREFIX)) {
				filters.put(name.substring(ATTRIBUTE_PREFIX.length()), values);
			}
			else if (!PARAMETERS.contains(name)) {
				throw new InvalidProductQuery("Unknown query parameter. Use q, category, page, size and attr.<name>=<value>.");
			}
		});
		return filters;
	}
}
