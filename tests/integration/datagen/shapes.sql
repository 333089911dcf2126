-- Distributions requested through statistics (as read from a live pg_stats): null fractions, distinct
-- counts, most common values, histograms; defaults by table role when no count is given (a lookup table
-- stays small, an event log is large).
-- rows: visits=20000
-- null_frac: visits.referrer=0.4, visits.campaign=0.95
-- n_distinct: visits.browser=6, visits.country=20
-- mcv: visits.device=mobile:0.6 desktop:0.3
-- histogram: visits.duration_ms=0 100 200 400 10000
-- expect: SELECT min(duration_ms) >= 0 AND max(duration_ms) <= 10000 FROM visits = t
-- expect: SELECT avg((duration_ms <= 400)::int) BETWEEN 0.72 AND 0.78 FROM visits = t
-- expect: SELECT round(avg((device = 'mobile')::int), 1) FROM visits = 0.6
-- expect: SELECT round(avg((device = 'desktop')::int), 1) FROM visits = 0.3
-- expect: SELECT count(*) < 1000 FROM visit_types = t
-- expect: SELECT count(*) >= 10000 FROM audit_log = t
CREATE TABLE visit_types (id smallserial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE visits (
    id        bigserial PRIMARY KEY,
    type_id   smallint NOT NULL REFERENCES visit_types,
    browser   text NOT NULL,
    device    text NOT NULL,
    duration_ms integer NOT NULL,
    country   char(2),
    referrer  text,
    campaign  text,
    at        timestamptz NOT NULL
);
CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    visit_id  bigint REFERENCES visits,
    action    text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now()
);
