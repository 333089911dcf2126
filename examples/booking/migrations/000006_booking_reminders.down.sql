DROP INDEX IF EXISTS bookings_customer_email_idx;
ALTER TABLE bookings DROP COLUMN IF EXISTS reminder_sent_at;
ALTER TABLE bookings DROP COLUMN IF EXISTS metadata;
