package io.polyshop.social.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.customer.Accounts;
import io.polyshop.customer.Accounts.Account;

/**
 * Accounts (PostgreSQL, the truth for who exists) against Customer nodes, both ways: every account has a node with
 * its name; every node is an account. Repairs a missing or misnamed node from the account, and removes a node
 * without an account together with its edges (its follows mean nothing without the customer). Synthetic
 * {@code gen-} customers ({@link GraphGenerator}) have no accounts by design and are left out.
 */
@Component
@Order(30)
class CustomerNodesAudit implements AuditCheck {

	private final Accounts accounts;
	private final Neo4jClient neo4j;

	CustomerNodesAudit(Accounts accounts, Neo4jClient neo4j) {
		this.accounts = accounts;
		this.neo4j = neo4j;
	}

	@Override
	public String invariant() {
		return "customer-nodes";
	}

	@Override
	public String description() {
		return "accounts (PostgreSQL) ↔ Customer nodes (Neo4j): present both ways, same name";
	}

	@Override
	public void run(AuditTally tally) {
		String after = null;
		for (List<Account> batch = accounts.after(null, tally.batchSize()); !batch.isEmpty();
				batch = accounts.after(after, tally.batchSize())) {
			Map<String, Object> names = names(batch.stream().map(Account::id).toList());
			for (Account account : batch) {
				boolean present = names.containsKey(account.id());
				if (!present || !Objects.equals(names.get(account.id()), account.name())) {
					tally.drifted("account " + account.id() + ": " + (present ? "node named " + names.get(account.id()) : "no node"));
					if (tally.repair()) {
						Map<String, Object> parameters = new HashMap<>();
						parameters.put("id", account.id());
						parameters.put("name", account.name());
						parameters.put("registeredAt", account.registeredAt().atOffset(ZoneOffset.UTC));
						neo4j.query("MERGE (c:Customer {id: $id}) SET c.name = $name, c.registeredAt = $registeredAt")
								.bindAll(parameters).run();
						tally.repaired();
					}
				}
			}
			tally.checked(batch.size());
			after = batch.get(batch.size() - 1).id();
		}
		orphans(tally);
	}

	private void orphans(AuditTally tally) {
		String after = "";
		while (true) {
			List<String> ids = new ArrayList<>(neo4j.query("""
					MATCH (c:Customer) WHERE c.id > $after AND NOT c.id STARTS WITH 'gen-'
					RETURN c.id AS id ORDER BY id LIMIT $limit""")
					.bind(after).to("after").bind(tally.batchSize()).to("limit").fetchAs(String.class).all());
			if (ids.isEmpty()) {
				return;
			}
			Set<String> existing = accounts.existing(ids);
			for (String id : ids) {
				if (!existing.contains(id)) {
					tally.drifted("node " + id + ": no such account");
					if (tally.repair()) {
						neo4j.query("MATCH (c:Customer {id: $id}) DETACH DELETE c").bind(id).to("id").run();
						tally.repaired();
					}
				}
			}
			tally.checked(ids.size());
			after = ids.get(ids.size() - 1);
		}
	}

	/** Node name by id, for those ids that have a node (a node without a name maps to null). */
	private Map<String, Object> names(List<String> ids) {
		Map<String, Object> names = new HashMap<>();
		neo4j.query("UNWIND $ids AS id MATCH (c:Customer {id: id}) RETURN id, c.name AS name").bind(ids).to("ids")
				.fetch().all().forEach(row -> names.put((String) row.get("id"), row.get("name")));
		return names;
	}
}
