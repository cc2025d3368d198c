package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operation summaries derived from handler names, for the OpenAPI document. */
class ApiDocumentationTest {

	@Test
	void summariesReadAsSentences() {
		assertThat(ApiDocumentation.summary("priceHistory", "InventoryController", true)).isEqualTo("Price history");
		assertThat(ApiDocumentation.summary("me", "MeController", true)).isEqualTo("Get me");
		assertThat(ApiDocumentation.summary("add", "CartController", false)).isEqualTo("Cart: add");
		assertThat(ApiDocumentation.summary("checkout", "CheckoutController", false)).isEqualTo("Checkout");
		assertThat(ApiDocumentation.summary("follow", "SocialController", false)).isEqualTo("Social: follow");
	}
}
