-- name: tenant balances
-- calls: 8000
SELECT balance, currency FROM accounts WHERE tenant_id = $1;
