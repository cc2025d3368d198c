package io.polyshop.social;

import io.polyshop.shared.Refusal;

/** A customer tried to follow themselves. */
public class CannotFollowYourself extends Refusal {

	public CannotFollowYourself() {
		super(Reason.INVALID, "Cannot follow yourself", "You cannot follow yourself.");
	}
}
