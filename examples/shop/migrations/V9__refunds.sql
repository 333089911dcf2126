-- V9: support refunds.
-- ALTER TYPE ... ADD VALUE and CREATE INDEX CONCURRENTLY cannot be used inside
-- a transaction block, so this migration runs without BEGIN/COMMIT.

ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'delivered';

ALTER TABLE payments ADD COLUMN refunded_at timestamptz;

-- Refund lookups by order: built online, the payments table is large.
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_idx ON payments (order_id);
