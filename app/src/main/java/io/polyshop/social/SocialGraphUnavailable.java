package io.polyshop.social;

import io.polyshop.shared.Refusal;

/** Neo4j did not answer: says nothing was changed, so the client knows to retry rather than assume. */
public class SocialGraphUnavailable extends Refusal {

	public SocialGraphUnavailable(Throwable cause) {
		super(Reason.UNAVAILABLE, "Social graph unavailable",
				"The social graph is temporarily unavailable; nothing was changed. Please try again shortly.", cause);
	}
}
