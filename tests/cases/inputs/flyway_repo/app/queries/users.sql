-- calls: 500
SELECT id, name FROM users WHERE email = $1;
