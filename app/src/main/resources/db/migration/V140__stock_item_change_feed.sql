-- Inventory's change feed (Inventory.changedSince): a keyset walk by (updated_at, sku) that never scans.
CREATE INDEX stock_item_changes_idx ON stock_item (updated_at, sku);
