-- V5: append-only event log (partitioned by month... well, by year for now)
-- plus an audit trigger that records every order status change.

BEGIN;

CREATE TABLE events (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    event_type  text NOT NULL,
    entity_type text NOT NULL,
    entity_id   bigint,
    customer_id integer,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (created_at);

CREATE TABLE events_2025 PARTITION OF events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE events_2027 PARTITION OF events
    FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

CREATE INDEX events_entity_idx ON events (entity_type, entity_id);
CREATE INDEX events_payload_gin_idx ON events USING gin (payload jsonb_path_ops);

COMMENT ON TABLE events IS 'Append-only domain event log; one partition per calendar year.';
COMMENT ON COLUMN events.payload IS 'Free-form event data, schema depends on event_type.';

CREATE FUNCTION log_order_status_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO events (event_type, entity_type, entity_id, customer_id, payload)
        VALUES ('order.status_changed', 'order', NEW.id, NEW.customer_id,
                jsonb_build_object('from', OLD.status, 'to', NEW.status));
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_status_audit
    BEFORE UPDATE OF status ON orders
    FOR EACH ROW
    EXECUTE FUNCTION log_order_status_change();

-- Marketing wants free-form tags on products ("summer,sale,eco").
ALTER TABLE products ADD COLUMN tags text;

COMMIT;
