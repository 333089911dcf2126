-- failing: login roles with power
CREATE ROLE webapp LOGIN SUPERUSER;
CREATE ROLE support LOGIN BYPASSRLS CREATEROLE;

-- passing: a NOLOGIN admin group, and an ordinary login role
CREATE ROLE admins NOLOGIN SUPERUSER;
CREATE ROLE reporter LOGIN;
