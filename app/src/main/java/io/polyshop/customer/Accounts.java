package io.polyshop.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Reads customer accounts (PostgreSQL, the truth for who exists and who referred whom), for the audit. */
public interface Accounts {

	/** Accounts by id after {@code afterId} (null: from the start), at most {@code limit}. */
	List<Account> after(String afterId, int limit);

	/** Which of these ids are accounts (malformed or unknown ids are absent). */
	Set<String> existing(Collection<String> ids);

	/** @param referrerId the referrer's id, or {@code null} */
	record Account(String id, String name, String referrerId, Instant registeredAt) {
	}
}
