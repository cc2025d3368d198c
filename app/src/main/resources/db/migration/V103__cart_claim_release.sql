-- A completed order's cart claim is marked released once its lines have left the cart, instead of deleted: a
-- checkout that read the cart before that moment (the lines still in it) is still refused. Cancelled orders' claims
-- are deleted (their lines are still in the cart, free to buy).
ALTER TABLE cart_claims ADD COLUMN released_at TIMESTAMPTZ;
