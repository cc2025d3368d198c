-- Issue #12: money safety. Reserved stock apart from stock on hand, an explicit pending-payment state,
-- idempotency keys with a request hash and an expiry, and a claim on the cart contents being checked out.

-- Stock: on_hand is what the warehouse holds; reserved is what open (PAYMENT_PENDING) orders hold of it.
-- available = on_hand - reserved. A completed order takes its units off both; a cancelled one off reserved only,
-- so an admin setting on_hand to an absolute value is never undone or doubled by a later cancellation.
ALTER TABLE stock_item ADD COLUMN reserved INT NOT NULL DEFAULT 0 CHECK (reserved >= 0);
-- orders still open at migration time took their units off on_hand: give them back to on_hand as reserved units
UPDATE stock_item s
SET on_hand  = s.on_hand + open_lines.quantity,
    reserved = open_lines.quantity
FROM (SELECT l.sku, sum(l.quantity) AS quantity
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.status IN ('PLACED', 'PAID')
      GROUP BY l.sku) open_lines
WHERE open_lines.sku = s.sku;
ALTER TABLE stock_item ADD CONSTRAINT stock_item_reserved_within_on_hand CHECK (reserved <= on_hand);

-- Orders: PAYMENT_PENDING is written (with the stock reservation) before the gateway is asked to charge.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
UPDATE orders SET status = 'PAYMENT_PENDING' WHERE status IN ('PLACED', 'PAID');
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('PAYMENT_PENDING', 'PAID', 'COMPLETED', 'CANCELLED'));
-- set when a charge was taken for an order that could not be completed any more and was given back
ALTER TABLE orders ADD COLUMN refund_reference TEXT;
-- the in-doubt resolver looks for open orders by age
CREATE INDEX orders_open_by_placed_at ON orders (placed_at) WHERE status = 'PAYMENT_PENDING';

-- Idempotency keys, per customer, with a hash of the request they came with; a key expires (default 24 h) and
-- may then be used again. The claim moves here from the orders table's unique constraint.
CREATE TABLE checkout_keys
(
  customer_id     TEXT        NOT NULL,
  idempotency_key TEXT        NOT NULL,
  request_hash    TEXT, -- NULL for keys taken before hashes were kept: any body is accepted for them
  order_id        UUID        NOT NULL REFERENCES orders (id),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (customer_id, idempotency_key)
);
CREATE INDEX checkout_keys_by_expiry ON checkout_keys (expires_at);
CREATE INDEX checkout_keys_by_order ON checkout_keys (order_id);
INSERT INTO checkout_keys (customer_id, idempotency_key, order_id, created_at, expires_at)
SELECT customer_id, idempotency_key, id, placed_at, placed_at + INTERVAL '24 hours' FROM orders;
ALTER TABLE orders DROP CONSTRAINT orders_idempotency;

-- A cart's contents can be checked out once: the order transaction claims a fingerprint of the contents
-- (sorted SKU:quantity). The claim goes when the order is cancelled or once its lines have left the cart.
CREATE TABLE cart_claims
(
  customer_id TEXT        NOT NULL,
  fingerprint TEXT        NOT NULL,
  order_id    UUID        NOT NULL REFERENCES orders (id),
  claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, fingerprint)
);
CREATE INDEX cart_claims_by_order ON cart_claims (order_id);

-- The embedded payment simulator's own book (what a real provider keeps on its side): one row per order it was
-- asked to charge. VOIDED: we told it the order was given up before any charge, so a late charge is refused.
CREATE TABLE simulated_payments
(
  order_id    TEXT PRIMARY KEY,
  state       TEXT        NOT NULL CHECK (state IN ('CHARGED', 'REFUNDED', 'VOIDED')),
  amount      NUMERIC(19, 4),
  currency    CHAR(3),
  card_last4  CHAR(4),
  reference   TEXT,
  charged_at  TIMESTAMPTZ,
  refunded_at TIMESTAMPTZ,
  voided_at   TIMESTAMPTZ,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX simulated_payments_by_update ON simulated_payments (updated_at DESC);
