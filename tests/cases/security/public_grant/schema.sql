CREATE SCHEMA reporting;
CREATE TABLE reporting.daily_sales (day date PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE public.salaries (employee_id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE ROLE app_readonly NOLOGIN;

-- failing: a table readable by every role
GRANT SELECT ON public.salaries TO PUBLIC;

-- passing: USAGE on a schema (harmless alone), and a grant to a group role
GRANT USAGE ON SCHEMA reporting TO PUBLIC;
GRANT SELECT ON reporting.daily_sales TO app_readonly;
