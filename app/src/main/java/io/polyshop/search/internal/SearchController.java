package io.polyshop.search.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.search.IndexStatus;
import io.polyshop.search.ProductSearch;
import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchResult;
import io.polyshop.search.SearchSort;
import io.polyshop.shared.Paging;
import io.polyshop.shared.Refusal;

/**
 * {@code GET /api/search}: full text, filters, facets, sort and cursor paging. Attribute filters are
 * {@code attr.<name>=<value>} (repeat to accept any of several values). Anything else is refused with 400, so a typo
 * in a parameter is never silently a different search.
 */
@RestController
class SearchController {

	private static final String ATTRIBUTE_PREFIX = "attr.";
	private static final Set<String> PARAMETERS = Set.of("q", "category", "minPrice", "maxPrice", "inStock", "sort", "size", "cursor");
	private static final int MAX_ATTRIBUTE_FILTERS = 10;
	private static final int MAX_SUGGESTIONS = 8;

	private final ProductSearch search;

	SearchController(ProductSearch search) {
		this.search = search;
	}

	@GetMapping("/api/search")
	SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
			@RequestParam(required = false) String minPrice, @RequestParam(required = false) String maxPrice,
			@RequestParam(required = false) String inStock, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String size, @RequestParam(required = false) String cursor,
			@RequestParam MultiValueMap<String, String> parameters) {
		BigDecimal min = SearchQueries.price(minPrice, "minPrice");
		BigDecimal max = SearchQueries.price(maxPrice, "maxPrice");
		if (min != null && max != null && min.compareTo(max) > 0) {
			throw new InvalidSearch("minPrice must not be above maxPrice.");
		}
		SearchSort order = sort == null || sort.isBlank() ? SearchSort.RELEVANCE : SearchSort.fromParameter(sort)
				.orElseThrow(() -> new InvalidSearch("sort must be one of relevance, price, -price, title, -title."));
		return search.search(new SearchQuery(q, category, min, max, flag(inStock), attributes(parameters), order,
				pageSize(size), cursor == null || cursor.isBlank() ? null : cursor));
	}

	@GetMapping("/api/search/suggestions")
	Map<String, List<String>> suggestions(@RequestParam(required = false) String q) {
		return Map.of("suggestions", q == null || q.isBlank() ? List.of() : search.suggest(q, MAX_SUGGESTIONS));
	}

	@GetMapping("/api/admin/search/index")
	IndexStatus index() {
		return search.status();
	}

	@PostMapping("/api/admin/search/index/rebuild")
	ResponseEntity<IndexStatus> rebuild() {
		if (!search.rebuild()) {
			throw new Refusal(Refusal.Reason.CONFLICT, "Rebuild already running",
					"A rebuild is already running; follow it at /api/admin/search/index.");
		}
		return ResponseEntity.accepted().location(URI.create("/api/admin/search/index")).body(search.status());
	}

	private static boolean flag(String value) {
		if (value == null || value.isBlank() || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw new InvalidSearch("inStock must be true or false.");
	}

	private static int pageSize(String size) {
		if (size == null || size.isBlank()) {
			return 24;
		}
		try {
			int value = Integer.parseInt(size);
			if (value >= 1 && value <= Paging.MAX_SIZE) {
				return value;
			}
		}
		catch (NumberFormatException e) {
			// refused below
		}
		throw new InvalidSearch("size must be between 1 and " + Paging.MAX_SIZE + ".");
	}

	private static Map<String, List<String>> attributes(MultiValueMap<String, String> parameters) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			if (name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length()) {
				filters.put(name.substring(ATTRIBUTE_PREFIX.length()), values);
			}
			else if (!PARAMETERS.contains(name)) {
				throw new InvalidSearch("Unknown parameter '" + name.replaceAll("[^\\w.-]", "?")
						+ "'. Use q, category, minPrice, maxPrice, inStock, sort, size, cursor and attr.<name>=<value>;"
						+ " page deeper with the cursor of the previous page.");
			}
		});
		if (filters.size() > MAX_ATTRIBUTE_FILTERS) {
			throw new InvalidSearch("At most " + MAX_ATTRIBUTE_FILTERS + " attribute filters.");
		}
		return filters;
	}
}
