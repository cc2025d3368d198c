package io.polyshop.social.internal;


import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.customer.SignedInCustomer;
import io.polyshop.social.AlsoBought;
import io.polyshop.social.Recommendations;
import io.polyshop.social.RecommendedProducts;
import io.polyshop.social.internal.SocialController.Caller;
import io.polyshop.social.internal.SocialController.Items;

/** {@code /api/recommendations} for the signed-in customer and {@code /api/products/{sku}/also-bought} for anyone. */
@RestController
class RecommendationsController {

	private final Recommendations recommendations;

	RecommendationsController(Recommendations recommendations) {
		this.recommendations = recommendations;
	}

	@GetMapping("/api/recommendations")
	RecommendedProducts recommendations(SignedInCustomer customer, @RequestParam(required = false) Integer limit) {
		return recommendations.forCustomer(customer.id(), Caller.limit(limit));
	}

	@GetMapping("/api/products/{sku}/also-bought")
	Items<AlsoBought> alsoBought(@PathVariable String sku, @RequestParam(required = false) Integer limit) {
		return new Items<>(recommendations.alsoBought(sku, Caller.limit(limit)));
	}
}
