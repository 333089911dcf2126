-- line_total is now written by the application (discounts), no longer computed.
CREATE TABLE order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  quantity integer NOT NULL,
  unit_price numeric(12,2) NOT NULL,
  line_total numeric(14,2) DEFAULT 0,
  note text
);
CREATE INDEX order_lines_line_total_idx ON order_lines (line_total);
