-- timestamptz: summarized, with the TimeZone caveat.
-- calls: 50
SELECT kind, count(*) FROM events WHERE happened_at >= $1 AND happened_at < $2 GROUP BY kind;

-- A date range: not summarized yet.
-- calls: 50
SELECT kind, count(*) FROM events WHERE happened_on >= $1 GROUP BY kind;
