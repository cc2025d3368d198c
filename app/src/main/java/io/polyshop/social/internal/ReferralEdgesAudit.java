package io.polyshop.social.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.customer.Accounts;
import io.polyshop.customer.Accounts.Account;

/**
 * Referrals (recorded on the account in PostgreSQL at registration, the truth) against REFERRED edges: each referred
 * account has exactly one incoming REFERRED edge, from its referrer; no other account has one. Repairs both ways.
 * Edges touching nodes without an account are the customer-nodes check's (it removes such nodes).
 */
@Component
@Order(40)
class ReferralEdgesAudit implements AuditCheck {

	private final Accounts accounts;
	private final Neo4jClient neo4j;

	ReferralEdgesAudit(Accounts accounts, Neo4jClient neo4j) {
		this.accounts = accounts;
		this.neo4j = neo4j;
	}

	@Override
	public String invariant() {
		return "referral-edges";
	}

	@Override
	public String description() {
		return "referrals on accounts (PostgreSQL) ↔ REFERRED edges (Neo4j)";
	}

	@Override
	public void run(AuditTally tally) {
		String after = null;
		for (List<Account> batch = accounts.after(null, tally.batchSize()); !batch.isEmpty();
				batch = accounts.after(after, tally.batchSize())) {
			Map<String, List<String>> referrers = referrers(batch.stream().map(Account::id).toList());
			for (Account account : batch) {
				List<String> actual = referrers.getOrDefault(account.id(), List.of());
				List<String> expected = account.referrerId() == null ? List.of() : List.of(account.referrerId());
				if (!actual.equals(expected)) {
					tally.drifted("account " + account.id() + ": referred by " + expected + " but edges from " + actual);
					if (tally.repair()) {
						for (String wrong : actual) {
							if (!expected.contains(wrong)) {
								neo4j.query("MATCH (:Customer {id: $from})-[e:REFERRED]->(:Customer {id: $to}) DELETE e")
										.bind(wrong).to("from").bind(account.id()).to("to").run();
							}
						}
						if (account.referrerId() != null) {
							neo4j.query("""
									MERGE (customer:Customer {id: $to})
									MERGE (referrer:Customer {id: $from})
									MERGE (referrer)-[:REFERRED]->(customer)""")
									.bind(account.referrerId()).to("from").bind(account.id()).to("to").run();
						}
						tally.repaired();
					}
				}
			}
			tally.checked(batch.size());
			after = batch.get(batch.size() - 1).id();
		}
	}

	private Map<String, List<String>> referrers(List<String> ids) {
		Map<String, List<String>> referrers = new HashMap<>();
		neo4j.query("UNWIND $ids AS id MATCH (r:Customer)-[:REFERRED]->(:Customer {id: id}) RETURN id, r.id AS referrer")
				.bind(ids).to("ids").fetch().all()
				.forEach(row -> referrers.computeIfAbsent((String) row.get("id"), id -> new ArrayList<>()).add((String) row.get("referrer")));
		return referrers;
	}
}
