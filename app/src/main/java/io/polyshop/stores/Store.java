package io.polyshop.stores;

/** The four stores of Polyshop, named as they appear in health, the admin API and the start-up banner. */
public enum Store {

	POSTGRES("postgres", "inventory, item prices, accounts, the order transaction, the event outbox"),
	REDIS("redis", "shopping carts, HTTP sessions"),
	MONGODB("mongodb", "product catalog documents, completed orders"),
	NEO4J("neo4j", "customer social graph (follows, referrals, purchases), recommendations");

	private final String id;
	private final String holds;

	Store(String id, String holds) {
		this.id = id;
		this.holds = holds;
	}

	public String id() {
		return id;
	}

	/** What lives in this store, for people reading the banner or the admin API. */
	public String holds() {
		return holds;
	}
}
