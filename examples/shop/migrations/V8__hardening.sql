-- V8: assorted fixes requested after the first production incidents.

-- Public, non-guessable order identifier for emails and the tracking page.
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();

-- Track activity for the "inactive customers" campaign.
ALTER TABLE customers ADD COLUMN last_seen_at timestamptz DEFAULT clock_timestamp();

-- The warehouse integration is fixed; shipments must now point at a real order.
ALTER TABLE shipments
    ADD CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);

-- Every product must have a SKU from now on.
ALTER TABLE products ALTER COLUMN sku SET NOT NULL;

-- Duplicate accounts were created through the guest checkout.
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);

-- Money amounts get a fixed scale.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(14,4);

-- Product pages now render Markdown; make the name say so.
ALTER TABLE products RENAME COLUMN description TO description_md;

-- Speed up "which orders contain product X" in the admin.
CREATE INDEX order_items_order_id_product_id_idx ON order_items (order_id, product_id);

-- Carrier webhooks look shipments up by tracking number.
CREATE INDEX shipments_tracking_number_idx ON shipments (tracking_number);
