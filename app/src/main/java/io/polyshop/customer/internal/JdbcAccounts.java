package io.polyshop.customer.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.polyshop.customer.Accounts;

@Component
class JdbcAccounts implements Accounts {

	private final JdbcClient jdbc;

	JdbcAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Account> after(String afterId, int limit) {
		// PostgreSQL compares uuids as unsigned bytes: the nil uuid is the smallest
		return jdbc.sql("SELECT id, name, referred_by, registered_at FROM customers WHERE id > ? ORDER BY id LIMIT ?")
				.params(afterId == null ? new UUID(0, 0) : UUID.fromString(afterId), limit)
				.query((rs, row) -> new Account(rs.getString("id"), rs.getString("name"), rs.getString("referred_by"),
						rs.getTimestamp("registered_at").toInstant()))
				.list();
	}

	@Override
	public Set<String> existing(Collection<String> ids) {
		List<UUID> uuids = new ArrayList<>();
		for (String id : ids) {
			try {
				uuids.add(UUID.fromString(id));
			}
			catch (IllegalArgumentException notAnAccountId) {
				// no account has it
			}
		}
		if (uuids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("SELECT id::text FROM customers WHERE id = ANY (?)").param(uuids.toArray(UUID[]::new))
				.query(String.class).list());
	}
}
