package io.polyshop.customer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocation;
import io.polyshop.stores.StoreLocations;
import io.polyshop.stores.StoreMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Security rules that need no running application (issue 15's smaller findings). */
class SecurityRulesTests {

	@Test
	void theFirstAdminsPasswordMeetsThePasswordPolicy() {
		// checked before any database access, so no database is needed to see it refused
		FirstAdmin weak = new FirstAdmin(null, null, null, "ops@shop.example", "too-short", null);
		assertThatIllegalStateException().isThrownBy(() -> weak.run(new DefaultApplicationArguments()))
			.withMessageContaining("POLYSHOP_ADMIN_PASSWORD").withMessageNotContaining("too-short");
		FirstAdmin containsEmail = new FirstAdmin(null, null, null, "operator@shop.example", "operator-2026-xyz", null);
		assertThatIllegalStateException().isThrownBy(() -> containsEmail.run(new DefaultApplicationArguments()));
	}

	/** The cart merge starts from the server's session for the sign-in request, never from a raw cookie value. */
	@Test
	void theSignInAnnouncesTheServersPreviousSessionNotTheCookieValue() throws Exception {
		List<String> announced = new ArrayList<>();
		SignIns signIns = new SignIns(null, null, null) {
			@Override
			void signedIn(String customerId, String previousSessionId) {
				announced.add(previousSessionId);
			}
		};
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setRequestedSessionId("forged-session-id-of-someone-else");
		MockHttpSession session = new MockHttpSession(null, "the-servers-session");
		request.setSession(session);
		FormSignInSuccess.previousSessionCapture().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		CustomerPrincipal principal = new CustomerPrincipal("0b7c7a4e-9c64-4ac4-9a55-1ad2f7e2b0a1", "a@b.example", "A",
				Set.of(Role.CUSTOMER), null);
		new FormSignInSuccess(signIns).onAuthenticationSuccess(request, new MockHttpServletResponse(),
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));

		assertThat(announced).containsExactly("the-servers-session");
	}

	@Test
	void theApiDocumentIsPublicOnlyInADevelopmentShop() {
		assertThat(SecurityConfiguration.developmentShop(stores(null))).isTrue();
		for (Store external : Store.values()) {
			assertThat(SecurityConfiguration.developmentShop(stores(external))).as(external.name()).isFalse();
		}
	}

	private static StoreLocations stores(Store external) {
		return new StoreLocations(Arrays.stream(Store.values())
			.map(store -> new StoreLocation(store, store == external ? StoreMode.EXTERNAL : StoreMode.EMBEDDED, "localhost"))
			.toList());
	}
}
