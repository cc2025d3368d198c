package io.polyshop.benchmarks;

/**
 * The two PostgreSQL databases. {@code polyglot} holds what the product keeps in PostgreSQL, with the app's own DDL
 * and only the app's indexes (V1, V10, V30). {@code pgonly} holds everything, as a PostgreSQL expert would lay it out
 * for these access patterns: JSONB where the data is a document, edge tables with both-direction indexes for the
 * graph, covering indexes for the hot reads, and PL/pgSQL functions where the product uses a Redis Lua script
 * (one round trip, checks and write atomic under the cart row's lock).
 */
final class Schemas {

	private Schemas() {
	}

	/** V1, V10 (stock_item) and V30 of the app, verbatim apart from comments. */
	static final String POLYGLOT = """
			CREATE TABLE event_publication (
			  id UUID NOT NULL, listener_id TEXT NOT NULL, event_type TEXT NOT NULL, serialized_event TEXT NOT NULL,
			  publication_date TIMESTAMP WITH TIME ZONE NOT NULL, completion_date TIMESTAMP WITH TIME ZONE, status TEXT,
			  completion_attempts INT, last_resubmission_date TIMESTAMP WITH TIME ZONE, PRIMARY KEY (id));
			CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
			CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
			CREATE INDEX event_publication_incomplete_idx ON event_publication (publication_date) WHERE completion_date IS NULL;
			CREATE TABLE stock_item (
			  sku TEXT PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
			  price_amount NUMERIC(15, 4) NOT NULL CHECK (price_amount >= 0), price_currency CHAR(3) NOT NULL,
			  on_hand INT NOT NULL CHECK (on_hand >= 0),
			  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now());
			CREATE TABLE orders (
			  id UUID PRIMARY KEY, customer_id TEXT NOT NULL, idempotency_key TEXT NOT NULL,
			  status TEXT NOT NULL CHECK (status IN ('PLACED', 'PAID', 'COMPLETED', 'CANCELLED')), cancel_reason TEXT,
			  currency CHAR(3) NOT NULL, total NUMERIC(19, 4) NOT NULL CHECK (total >= 0),
			  ship_name TEXT NOT NULL, ship_line1 TEXT NOT NULL, ship_city TEXT NOT NULL, ship_postal_code TEXT NOT NULL,
			  ship_country CHAR(2) NOT NULL, payment_reference TEXT, card_last4 CHAR(4), placed_at TIMESTAMPTZ NOT NULL,
			  version INT NOT NULL DEFAULT 0, CONSTRAINT orders_idempotency UNIQUE (customer_id, idempotency_key));
			CREATE INDEX orders_by_status ON orders (status, placed_at);
			CREATE TABLE order_lines (
			  order_id UUID NOT NULL REFERENCES orders (id), line_no INT NOT NULL, sku TEXT NOT NULL, title TEXT NOT NULL,
			  quantity INT NOT NULL CHECK (quantity > 0), unit_price NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
			  PRIMARY KEY (order_id, line_no));
			CREATE INDEX order_lines_by_sku ON order_lines (sku);
			CREATE TABLE order_status_changes (
			  order_id UUID NOT NULL REFERENCES orders (id), seq INT NOT NULL, status TEXT NOT NULL, reason TEXT,
			  changed_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (order_id, seq));
			""";

	/** Everything in PostgreSQL: the polyglot schema plus what the other three stores hold, and the indexes for it. */
	static final String PG_ONLY = POLYGLOT + """
			-- order history by customer, newest first: the index the document store's compound index stands for
			CREATE INDEX orders_by_customer ON orders (customer_id, status, placed_at DESC);
			-- the order as one JSONB document (same shape as the MongoDB projection), keyed like it
			CREATE TABLE order_doc (
			  id UUID PRIMARY KEY, customer_id TEXT NOT NULL, status TEXT NOT NULL, placed_at TIMESTAMPTZ NOT NULL,
			  doc JSONB NOT NULL);
			CREATE INDEX order_doc_by_customer ON order_doc (customer_id, status, placed_at DESC);
			-- catalog documents: attributes differ per category, so JSONB rather than columns
			CREATE TABLE product (sku TEXT PRIMARY KEY, doc JSONB NOT NULL);
			-- the social graph as edge tables, indexed both ways
			CREATE TABLE follows (follower TEXT NOT NULL, followee TEXT NOT NULL, since TIMESTAMPTZ NOT NULL DEFAULT now(),
			  PRIMARY KEY (follower, followee));
			CREATE INDEX follows_by_followee ON follows (followee, follower);
			CREATE TABLE purchased (customer_id TEXT NOT NULL, sku TEXT NOT NULL, order_id UUID NOT NULL,
			  at TIMESTAMPTZ NOT NULL, quantity INT NOT NULL, PRIMARY KEY (order_id, sku));
			-- covering indexes: recommendations read (customer -> sku, at), "also bought" reads (sku -> customer)
			CREATE INDEX purchased_by_customer ON purchased (customer_id) INCLUDE (sku, at);
			CREATE INDEX purchased_by_sku ON purchased (sku, customer_id);
			-- carts: one row per cart (its expiry, and the lock that serialises changes to it) and one per line
			CREATE TABLE cart (owner TEXT PRIMARY KEY, expires_at TIMESTAMPTZ NOT NULL);
			CREATE TABLE cart_line (owner TEXT NOT NULL REFERENCES cart (owner) ON DELETE CASCADE, sku TEXT NOT NULL,
			  quantity INT NOT NULL CHECK (quantity > 0), PRIMARY KEY (owner, sku));
			CREATE INDEX cart_expiry ON cart (expires_at);
			-- the same checks as the app's Lua scripts (CartScripts.ADD / SET), answers: -1 line over its limit,
			-- -2 too many lines, -3 more than available
			CREATE FUNCTION cart_add(p_owner TEXT, p_sku TEXT, p_qty INT, p_max_line INT, p_max_lines INT, p_ttl INT,
			    p_available INT) RETURNS INT LANGUAGE plpgsql AS $$
			DECLARE current INT; qty INT;
			BEGIN
			  INSERT INTO cart (owner, expires_at) VALUES (p_owner, now() + make_interval(secs => p_ttl))
			    ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at;
			  SELECT quantity INTO current FROM cart_line WHERE owner = p_owner AND sku = p_sku;
			  qty := coalesce(current, 0) + p_qty;
			  IF qty > p_max_line THEN RETURN -1; END IF;
			  IF qty > p_available THEN RETURN -3; END IF;
			  IF current IS NULL THEN
			    IF (SELECT count(*) FROM cart_line WHERE owner = p_owner) >= p_max_lines THEN RETURN -2; END IF;
			    INSERT INTO cart_line (owner, sku, quantity) VALUES (p_owner, p_sku, qty);
			  ELSE
			    UPDATE cart_line SET quantity = qty WHERE owner = p_owner AND sku = p_sku;
			  END IF;
			  RETURN qty;
			END $$;
			CREATE FUNCTION cart_set(p_owner TEXT, p_sku TEXT, p_qty INT, p_max_line INT, p_max_lines INT, p_ttl INT)
			    RETURNS INT LANGUAGE plpgsql AS $$
			BEGIN
			  IF p_qty > p_max_line THEN RETURN -1; END IF;
			  IF p_qty = 0 THEN
			    DELETE FROM cart_line WHERE owner = p_owner AND sku = p_sku;
			    UPDATE cart SET expires_at = now() + make_interval(secs => p_ttl) WHERE owner = p_owner;
			    RETURN 0;
			  END IF;
			  INSERT INTO cart (owner, expires_at) VALUES (p_owner, now() + make_interval(secs => p_ttl))
			    ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at;
			  IF NOT EXISTS (SELECT 1 FROM cart_line WHERE owner = p_owner AND sku = p_sku)
			     AND (SELECT count(*) FROM cart_line WHERE owner = p_owner) >= p_max_lines THEN RETURN -2; END IF;
			  INSERT INTO cart_line (owner, sku, quantity) VALUES (p_owner, p_sku, p_qty)
			    ON CONFLICT (owner, sku) DO UPDATE SET quantity = EXCLUDED.quantity;
			  RETURN p_qty;
			END $$;
			""";

	/** The app's graph schema (GraphSchema.STATEMENTS). */
	static final String[] NEO4J = {
			"CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE",
			"CREATE CONSTRAINT product_sku IF NOT EXISTS FOR (p:Product) REQUIRE p.sku IS UNIQUE",
			"CREATE CONSTRAINT purchased_order_line IF NOT EXISTS FOR ()-[b:PURCHASED]-() REQUIRE (b.orderId, b.sku) IS UNIQUE",
			"CREATE INDEX purchased_at IF NOT EXISTS FOR ()-[b:PURCHASED]-() ON (b.at)" };
}
