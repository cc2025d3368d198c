-- Inventory: the source of truth for what a SKU costs and how many are on hand.
-- Owned by the inventory module; other modules use its Java API, never these tables.
CREATE TABLE stock_item
(
  sku            TEXT PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  price_amount   NUMERIC(15, 4) NOT NULL CHECK (price_amount >= 0),
  price_currency CHAR(3)        NOT NULL,
  -- the last line of defence against overselling: a reservation that would go below zero fails here
  -- even if a guarded UPDATE were ever written wrongly
  on_hand        INT            NOT NULL CHECK (on_hand >= 0),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Every price a SKU has had, with the period it was valid for; valid_to IS NULL marks the current one.
-- Written in the same transaction as stock_item's price, so the two never disagree.
CREATE TABLE price_history
(
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku        TEXT           NOT NULL REFERENCES stock_item (sku) ON DELETE CASCADE,
  amount     NUMERIC(15, 4) NOT NULL CHECK (amount >= 0),
  currency   CHAR(3)        NOT NULL,
  valid_from TIMESTAMP WITH TIME ZONE NOT NULL,
  valid_to   TIMESTAMP WITH TIME ZONE,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- at most one current price per SKU
CREATE UNIQUE INDEX price_history_current_idx ON price_history (sku) WHERE valid_to IS NULL;
CREATE INDEX price_history_by_sku_idx ON price_history (sku, valid_from DESC);
