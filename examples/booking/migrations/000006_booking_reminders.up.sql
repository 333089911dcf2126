-- 000006: reminder e-mails and per-booking metadata from the widget.

-- Widget sends arbitrary key/values (utm source, form answers...).
ALTER TABLE bookings ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb;

-- When the reminder for this booking went out (NULL = not yet).
ALTER TABLE bookings ADD COLUMN reminder_sent_at timestamp;

-- Customers look up "my bookings" by e-mail.
CREATE INDEX bookings_customer_email_idx ON bookings (tenant_id, lower(customer_email));
