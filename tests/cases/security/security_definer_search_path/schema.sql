-- failing: SECURITY DEFINER without a fixed search_path
CREATE FUNCTION public.grant_credit(customer bigint, amount numeric) RETURNS void
LANGUAGE sql SECURITY DEFINER AS $$ UPDATE accounts SET credit = credit + amount WHERE id = customer $$;

-- passing: SECURITY DEFINER with SET search_path
CREATE FUNCTION public.revoke_credit(customer bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$ UPDATE public.accounts SET credit = 0 WHERE id = customer $$;

-- passing: SECURITY INVOKER (the default)
CREATE FUNCTION public.credit_of(customer bigint) RETURNS numeric
LANGUAGE sql STABLE AS $$ SELECT credit FROM accounts WHERE id = customer $$;
