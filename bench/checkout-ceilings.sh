#!/usr/bin/env bash
# The ceiling of a checkout's store work on this machine, without the application: the SQL of one checkout (both of
# its transactions and the outbox bookkeeping of its four listener publications) run by pgbench, and the cart's
# add-to-cart Lua script run by redis-benchmark, against a running instance's own PostgreSQL and Redis. Writes only
# to a scratch schema (bench) and keys (bench:*), both removed at the end.
# Usage: bench/checkout-ceilings.sh PG_PORT REDIS_PORT [clients=8] [seconds=20]
set -euo pipefail
pg_port=$1 redis_port=$2 clients=${3:-8} seconds=${4:-20}
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -XAtq "$@"; }
psql_ <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.stock_item (LIKE public.stock_item INCLUDING ALL);
CREATE TABLE bench.orders (LIKE public.orders INCLUDING ALL);
CREATE TABLE bench.order_lines (LIKE public.order_lines INCLUDING ALL);
CREATE TABLE bench.order_status_changes (LIKE public.order_status_changes INCLUDING ALL);
CREATE TABLE bench.checkout_keys (LIKE public.checkout_keys INCLUDING ALL);
CREATE TABLE bench.cart_claims (LIKE public.cart_claims INCLUDING ALL);
CREATE TABLE bench.event_publication (LIKE public.event_publication INCLUDING ALL);
INSERT INTO bench.stock_item (sku, price_amount, price_currency, on_hand)
SELECT 'LT-' || lpad(i::text, 5, '0'), 9.99, 'EUR', 1000000 FROM generate_series(0, 199) i;
SQL
script=$(mktemp)
# The statements of one checkout as the application sends them (Checkout, CheckoutKeys, CartClaims, StockItems, the
# Spring Data JDBC aggregate writes of Order, and Spring Modulith's publication rows: one OrderPlaced listener and
# three OrderCompleted listeners, each inserted, then marked completed). pgbench variables are bound parameters.
cat >"$script" <<'SQL'
\set sku random(0, 199)
\set qty random(1, 3)
\set customer random(1, 100000)
SELECT gen_random_uuid() AS oid, gen_random_uuid()::text AS key, 'LT-' || lpad(:sku::text, 5, '0') AS sku, md5(random()::text) AS fp \gset
SELECT order_id FROM bench.checkout_keys WHERE customer_id = :customer::text AND idempotency_key = :key;
SELECT sku, price_amount, price_currency, on_hand, reserved FROM bench.stock_item WHERE sku = ANY (ARRAY[:sku]);
SELECT now();
BEGIN;
INSERT INTO bench.orders (id, customer_id, idempotency_key, status, currency, total, ship_name, ship_line1, ship_city, ship_postal_code, ship_country, card_last4, placed_at, version) VALUES (:oid::uuid, :customer::text, :key, 'PAYMENT_PENDING', 'EUR', 9.99, 'Ada', '12 Square', 'London', 'SW1Y 4JH', 'GB', '4242', now(), 0);
INSERT INTO bench.order_lines VALUES (:oid::uuid, 0, :sku, 'title', :qty, 9.99);
INSERT INTO bench.order_status_changes VALUES (:oid::uuid, 0, 'PAYMENT_PENDING', NULL, now());
UPDATE bench.stock_item SET reserved = reserved + :qty, updated_at = now() WHERE sku = :sku AND on_hand - reserved >= :qty;
INSERT INTO bench.checkout_keys (customer_id, idempotency_key, request_hash, order_id, created_at, expires_at) VALUES (:customer::text, :key, 'hash', :oid::uuid, now(), now() + interval '1 day') ON CONFLICT DO NOTHING;
INSERT INTO bench.cart_claims (customer_id, fingerprint, order_id) VALUES (:customer::text, :fp, :oid::uuid) ON CONFLICT (customer_id, fingerprint) DO UPDATE SET order_id = excluded.order_id, claimed_at = now(), released_at = NULL WHERE bench.cart_claims.released_at IS NOT NULL;
INSERT INTO bench.event_publication (id, listener_id, event_type, serialized_event, publication_date) VALUES (gen_random_uuid(), 'projection', 'OrderPlaced', :oid, now());
COMMIT;
BEGIN;
SELECT * FROM bench.orders WHERE id = :oid::uuid FOR UPDATE;
SELECT * FROM bench.order_lines WHERE order_id = :oid::uuid;
SELECT * FROM bench.order_status_changes WHERE order_id = :oid::uuid;
UPDATE bench.stock_item SET reserved = reserved - :qty, on_hand = on_hand - :qty, updated_at = now() WHERE sku = :sku AND reserved >= :qty AND on_hand >= :qty;
UPDATE bench.orders SET status = 'COMPLETED', payment_reference = 'sim-1', version = version + 1 WHERE id = :oid::uuid AND version = 0;
DELETE FROM bench.order_lines WHERE order_id = :oid::uuid;
INSERT INTO bench.order_lines VALUES (:oid::uuid, 0, :sku, 'title', :qty, 9.99);
DELETE FROM bench.order_status_changes WHERE order_id = :oid::uuid;
INSERT INTO bench.order_status_changes VALUES (:oid::uuid, 0, 'PAYMENT_PENDING', NULL, now()), (:oid::uuid, 1, 'PAID', NULL, now()), (:oid::uuid, 2, 'COMPLETED', NULL, now());
INSERT INTO bench.event_publication (id, listener_id, event_type, serialized_event, publication_date) VALUES (gen_random_uuid(), 'projection', 'OrderCompleted', :oid, now());
INSERT INTO bench.event_publication (id, listener_id, event_type, serialized_event, publication_date) VALUES (gen_random_uuid(), 'purchases', 'OrderCompleted', :oid, now());
INSERT INTO bench.event_publication (id, listener_id, event_type, serialized_event, publication_date) VALUES (gen_random_uuid(), 'cart', 'OrderCompleted', :oid, now());
COMMIT;
UPDATE bench.cart_claims SET released_at = clock_timestamp() WHERE order_id = :oid::uuid AND released_at IS NULL;
SELECT * FROM bench.orders WHERE id = :oid::uuid;
SELECT * FROM bench.order_lines WHERE order_id = :oid::uuid;
SELECT * FROM bench.order_status_changes WHERE order_id = :oid::uuid;
UPDATE bench.event_publication SET completion_date = now() WHERE serialized_event = :oid AND listener_id = 'projection' AND completion_date IS NULL;
UPDATE bench.event_publication SET completion_date = now() WHERE serialized_event = :oid AND listener_id = 'purchases';
UPDATE bench.event_publication SET completion_date = now() WHERE serialized_event = :oid AND listener_id = 'cart';
SQL
echo "== ceiling: one checkout's SQL in pgbench ($clients clients, $seconds s, prepared statements)"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$script" postgres 2>&1 \
  | grep -E "^(tps|latency average|number of transactions actually)" | sed 's/^tps/checkouts per second (tps)/'
psql_ -c "SET client_min_messages = warning; DROP SCHEMA bench CASCADE"
rm -f "$script"

echo "== ceiling: the add-to-cart script in redis-benchmark ($clients clients)"
add=$(cat <<'LUA'
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') local qty = current + tonumber(ARGV[2]) if qty > tonumber(ARGV[3]) then return -1 end if qty > tonumber(ARGV[6]) then return -3 end if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return -2 end redis.call('HSET', KEYS[1], ARGV[1], qty) redis.call('EXPIRE', KEYS[1], ARGV[5]) return qty
LUA
)
redis-benchmark -p "$redis_port" ${REDISCLI_AUTH:+-a "$REDISCLI_AUTH"} -c "$clients" -n 200000 -r 10000 -q EVAL "$add" 1 bench:cart:__rand_int__ LT-00001 1 99 50 60 1000000 \
  | tr '\r' '\n' | grep -E "requests per second" | tail -1 | sed 's/^/cart add script: /'
redis-cli -p "$redis_port" --scan --pattern 'bench:cart:*' | xargs -r -n 500 redis-cli -p "$redis_port" DEL >/dev/null
