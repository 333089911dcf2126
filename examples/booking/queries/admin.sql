-- Tenant administration, authentication, billing and background jobs.

-- API authentication (SECURITY DEFINER function).
-- calls: 40000
SELECT authenticate_api_key($1);

-- Tenant by slug (subdomain routing).
-- calls: 30000
SELECT id, name, plan, settings
FROM tenants
WHERE slug = $1;

-- Staff login.
-- calls: 1500
SELECT id, display_name, role, password_hash
FROM users
WHERE tenant_id = $1 AND email = $2;

-- List the tenant's API keys.
-- calls: 50
SELECT id, name, created_at, last_used_at
FROM api_keys
WHERE tenant_id = $1 AND revoked_at IS NULL
ORDER BY created_at;

-- Services catalogue.
-- calls: 9000
SELECT id, name, duration, price_cents, currency
FROM services
WHERE tenant_id = $1
ORDER BY name;

-- Record a payment.
-- calls: 2500
INSERT INTO payments (tenant_id, booking_id, amount_cents, currency, status, provider_ref, paid_at)
VALUES ($1, $2, $3, $4, 'succeeded', $5, now())
RETURNING id;

-- Payments of a tenant in a period (billing page).
-- calls: 200
SELECT p.id, p.booking_id, p.amount_cents, p.currency, p.status, p.paid_at
FROM payments p
WHERE p.tenant_id = $1
  AND p.created_at >= $2 AND p.created_at < $3
ORDER BY p.created_at DESC
LIMIT 100 OFFSET $4;

-- Unpaid invoices past their due date.
-- calls: 24
SELECT i.id, i.tenant_id, i.number, i.total_cents, i.due_at
FROM invoices i
WHERE i.status = 'issued'
  AND i.due_at < now();

-- Invoice detail.
-- calls: 300
SELECT i.number, i.period_start, i.period_end, l.description, l.amount_cents
FROM invoices i
JOIN invoice_lines l ON l.invoice_id = i.id
WHERE i.tenant_id = $1 AND i.id = $2
ORDER BY l.id;

-- Monthly revenue per tenant (internal finance report).
-- calls: 2
SELECT p.tenant_id, date_trunc('month', p.created_at) AS month,
       sum(p.amount_cents) AS revenue_cents, count(*) AS payments
FROM payments p
WHERE p.status = 'succeeded'
GROUP BY 1, 2
ORDER BY 2, 3 DESC;

-- Resource utilisation (booked hours) in a period.
-- calls: 40
SELECT r.id, r.name,
       sum(extract(epoch FROM upper(b.during) - lower(b.during)) / 3600) AS booked_hours
FROM resources r
LEFT JOIN bookings b ON b.resource_id = r.id
                    AND b.status = 'confirmed'
                    AND b.during && tstzrange($2, $3)
WHERE r.tenant_id = $1
GROUP BY r.id, r.name
ORDER BY booked_hours DESC NULLS LAST;

-- Notification dispatcher: claim a batch of due notifications.
-- calls: 3600
SELECT id, tenant_id, channel, recipient, payload
FROM notifications
WHERE sent_at IS NULL
  AND send_after <= now()
ORDER BY send_after
LIMIT 100
FOR UPDATE SKIP LOCKED;

-- Mark a notification as sent.
-- calls: 5000
UPDATE notifications
SET sent_at = now(), attempts = attempts + 1
WHERE id = $1;

-- Notification history of a tenant.
-- calls: 100
SELECT id, channel, recipient, sent_at
FROM notifications
WHERE tenant_id = $1
ORDER BY created_at DESC
LIMIT 50;

-- Delete a tenant's user (offboarding).
-- calls: 10
DELETE FROM users
WHERE tenant_id = $1 AND id = $2;
