CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  net numeric(12,2) NOT NULL,
  tax_rate numeric(4,3) NOT NULL DEFAULT 0.2,
  gross numeric(14,2) NOT NULL DEFAULT 0
);
CREATE INDEX invoices_gross_idx ON invoices (gross);
