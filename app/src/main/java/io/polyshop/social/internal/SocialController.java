package io.polyshop.social.internal;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.customer.SignedInCustomer;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;
import io.polyshop.social.CustomerSummary;
import io.polyshop.social.Referral;
import io.polyshop.social.SocialGraph;
import io.polyshop.social.Suggestion;
import io.polyshop.shared.Refusal;

/** The signed-in customer's place in the social graph: {@code /api/social/**}. */
@RestController
@RequestMapping("/api/social")
class SocialController {

	private final SocialGraph graph;

	SocialController(SocialGraph graph) {
		this.graph = graph;
	}

	/** 204 when now following; 202 with {@code {"status": "requested"}} when the profile is private and its owner decides. */
	@PutMapping("/following/{customerId}")
	ResponseEntity<FollowStatus> follow(SignedInCustomer customer, @PathVariable String customerId) {
		return graph.follow(customer.id(), customerId) == SocialGraph.FollowOutcome.FOLLOWING
				? ResponseEntity.noContent().build()
				: ResponseEntity.accepted().body(new FollowStatus("requested"));
	}

	/** Private (the default: follows need approval) or public. */
	@PutMapping("/privacy")
	ResponseEntity<Void> privacy(SignedInCustomer customer, @RequestBody @jakarta.validation.Valid Privacy privacy) {
		graph.setPrivateProfile(customer.id(), privacy.privateProfile());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/follow-requests")
	PageView<CustomerSummary> followRequests(SignedInCustomer customer, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return graph.followRequests(customer.id(), Paging.of(page, size));
	}

	@PutMapping("/follow-requests/{customerId}")
	ResponseEntity<Void> approve(SignedInCustomer customer, @PathVariable String customerId) {
		graph.approveFollower(customer.id(), customerId);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/follow-requests/{customerId}")
	ResponseEntity<Void> decline(SignedInCustomer customer, @PathVariable String customerId) {
		graph.declineFollower(customer.id(), customerId);
		return ResponseEntity.noContent().build();
	}

	record FollowStatus(String status) {
	}

	record Privacy(@jakarta.validation.constraints.NotNull Boolean privateProfile) {
	}

	@DeleteMapping("/following/{customerId}")
	ResponseEntity<Void> unfollow(SignedInCustomer customer, @PathVariable String customerId) {
		graph.unfollow(customer.id(), customerId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/following")
	PageView<CustomerSummary> following(SignedInCustomer customer, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return graph.following(customer.id(), Paging.of(page, size));
	}

	@GetMapping("/followers")
	PageView<CustomerSummary> followers(SignedInCustomer customer, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return graph.followers(customer.id(), Paging.of(page, size));
	}

	@GetMapping("/suggestions")
	Items<Suggestion> suggestions(SignedInCustomer customer, @RequestParam(required = false) Integer limit) {
		return new Items<>(graph.suggestions(customer.id(), Caller.limit(limit)));
	}

	@GetMapping("/referrals")
	PageView<Referral> referrals(SignedInCustomer customer, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return graph.referrals(customer.id(), Paging.of(page, size));
	}

	record Items<T>(List<T> items) {
	}

	/** How much a caller may ask for: shared by the module's controllers. */
	static final class Caller {

		static final int DEFAULT_LIMIT = 10;

		private Caller() {
		}

		static int limit(Integer limit) {
			int value = limit == null ? DEFAULT_LIMIT : limit;
			if (value < 1 || value > Paging.MAX_SIZE) {
				throw new Refusal(Refusal.Reason.INVALID, null, "limit must be between 1 and " + Paging.MAX_SIZE);
			}
			return value;
		}
	}
}
