-- The order transaction (checkout module). PostgreSQL is the source of truth for order facts; the nested order
-- document in the document store is a projection of these rows.
CREATE TABLE orders
(
  id                UUID PRIMARY KEY,
  customer_id       TEXT        NOT NULL,
  idempotency_key   TEXT        NOT NULL,
  status            TEXT        NOT NULL CHECK (status IN ('PLACED', 'PAID', 'COMPLETED', 'CANCELLED')),
  cancel_reason     TEXT,
  currency          CHAR(3)     NOT NULL,
  total             NUMERIC(19, 4) NOT NULL CHECK (total >= 0),
  ship_name         TEXT        NOT NULL,
  ship_line1        TEXT        NOT NULL,
  ship_city         TEXT        NOT NULL,
  ship_postal_code  TEXT        NOT NULL,
  ship_country      CHAR(2)     NOT NULL,
  payment_reference TEXT,
  card_last4        CHAR(4),
  placed_at         TIMESTAMPTZ NOT NULL,
  version           INT         NOT NULL DEFAULT 0,
  -- the same key from the same customer never makes a second order
  CONSTRAINT orders_idempotency UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX orders_by_status ON orders (status, placed_at);

CREATE TABLE order_lines
(
  order_id   UUID           NOT NULL REFERENCES orders (id),
  line_no    INT            NOT NULL,
  sku        TEXT           NOT NULL,
  title      TEXT           NOT NULL,
  quantity   INT            NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_by_sku ON order_lines (sku);

-- every status transition, in order, with its reason
CREATE TABLE order_status_changes
(
  order_id   UUID        NOT NULL REFERENCES orders (id),
  seq        INT         NOT NULL,
  status     TEXT        NOT NULL,
  reason     TEXT,
  changed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (order_id, seq)
);
