-- COMMENT ON every object kind the model keeps a comment for.
CREATE SCHEMA crm;
CREATE TYPE crm.stage AS ENUM ('lead', 'customer');
CREATE DOMAIN crm.score AS int CHECK (VALUE BETWEEN 0 AND 10);
CREATE TABLE crm.contacts (
    id int PRIMARY KEY,
    name text NOT NULL,
    stage crm.stage NOT NULL DEFAULT 'lead',
    rating crm.score,
    CONSTRAINT contacts_name_not_blank CHECK (name <> '')
);
CREATE INDEX contacts_name_idx ON crm.contacts (name);
CREATE VIEW crm.leads AS SELECT id, name FROM crm.contacts WHERE stage = 'lead';
CREATE MATERIALIZED VIEW crm.stage_counts AS SELECT stage, count(*) AS n FROM crm.contacts GROUP BY stage;
CREATE FUNCTION crm.promote(contact int) RETURNS void LANGUAGE sql
    AS $$ UPDATE crm.contacts SET stage = 'customer' WHERE id = contact $$;

COMMENT ON SCHEMA crm IS 'Customer relationship data.';
COMMENT ON TYPE crm.stage IS 'Where a contact is in the funnel.';
COMMENT ON DOMAIN crm.score IS 'A 0-10 rating.';
COMMENT ON TABLE crm.contacts IS 'People we talk to. It''s quoted.';
COMMENT ON COLUMN crm.contacts.name IS 'Full name, as they write it.';
COMMENT ON CONSTRAINT contacts_name_not_blank ON crm.contacts IS 'No empty names.';
COMMENT ON INDEX crm.contacts_name_idx IS 'For lookups by name.';
COMMENT ON VIEW crm.leads IS 'Contacts not yet customers.';
COMMENT ON MATERIALIZED VIEW crm.stage_counts IS 'Refreshed hourly.';
COMMENT ON FUNCTION crm.promote(int) IS 'Makes a lead a customer.';
COMMENT ON COLUMN crm.contacts.rating IS 'Set by sales.';
COMMENT ON COLUMN crm.contacts.rating IS NULL;
