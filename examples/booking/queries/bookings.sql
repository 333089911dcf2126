-- Booking flow: availability, creating and cancelling bookings.
-- Every query is scoped by tenant_id (RLS is a second line of defence only).

-- Opening hours of a resource for a given weekday.
-- calls: 20000
SELECT start_time, end_time
FROM availability_rules
WHERE tenant_id = $1
  AND resource_id = $2
  AND weekday = $3
  AND valid_from <= $4::date
  AND (valid_until IS NULL OR valid_until >= $4::date)
ORDER BY start_time;

-- Busy slots of a resource inside the calendar window being displayed.
-- calls: 25000
SELECT id, during, status
FROM bookings
WHERE tenant_id = $1
  AND resource_id = $2
  AND status <> 'cancelled'
  AND during && tstzrange($3, $4, '[)')
ORDER BY starts_at;

-- Free resources able to perform a service in a requested slot.
-- calls: 8000
SELECT r.id, r.name
FROM resources r
JOIN resource_services rs ON rs.resource_id = r.id
WHERE r.tenant_id = $1
  AND rs.service_id = $2
  AND r.is_active
  AND NOT EXISTS (
      SELECT 1
      FROM bookings b
      WHERE b.resource_id = r.id
        AND b.status <> 'cancelled'
        AND b.during && tstzrange($3, $4, '[)')
  )
ORDER BY r.name;

-- Create a booking (the EXCLUDE constraint rejects double bookings).
-- calls: 3000
INSERT INTO bookings (tenant_id, resource_id, service_id, booked_by,
                      customer_name, customer_email, during, metadata)
VALUES ($1, $2, $3, $4, $5, $6, tstzrange($7, $8, '[)'), $9)
RETURNING id, starts_at;

-- Cancel a booking.
-- calls: 400
UPDATE bookings
SET status = 'cancelled', cancelled_at = now()
WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled';

-- Upcoming bookings for the tenant dashboard.
-- calls: 15000
SELECT b.id, b.starts_at, upper(b.during) AS ends_at, b.customer_name,
       r.name AS resource, s.name AS service
FROM bookings b
JOIN resources r ON r.id = b.resource_id
LEFT JOIN services s ON s.id = b.service_id
WHERE b.tenant_id = $1
  AND b.starts_at >= now()
  AND b.status = 'confirmed'
ORDER BY b.starts_at
LIMIT 50;

-- Staff agenda: a resource's bookings for a day.
-- calls: 6000
SELECT *
FROM bookings
WHERE tenant_id = $1
  AND resource_id = $2
  AND during && tstzrange($3::date::timestamptz, ($3::date + 1)::timestamptz)
ORDER BY starts_at;

-- "My bookings" for an end customer.
-- calls: 2000
SELECT id, starts_at, status
FROM bookings
WHERE tenant_id = $1
  AND lower(customer_email) = lower($2)
ORDER BY starts_at DESC;

-- Reminder job: bookings starting in the next 24h without a reminder yet.
-- calls: 60
SELECT id, tenant_id, customer_email, starts_at
FROM bookings
WHERE status = 'confirmed'
  AND reminder_sent_at IS NULL
  AND starts_at BETWEEN now() AND now() + interval '24 hours';

-- Bookings coming from a marketing campaign (widget metadata).
-- calls: 30
SELECT id, starts_at, customer_email
FROM bookings
WHERE tenant_id = $1
  AND metadata @> $2::jsonb;
