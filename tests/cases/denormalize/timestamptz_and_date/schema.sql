CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    happened_at timestamptz NOT NULL,
    happened_on date NOT NULL
);
