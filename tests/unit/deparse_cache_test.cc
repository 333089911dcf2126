// sql::DeparseCache and sources::PrecomputeReplayTexts: texts deparsed ahead (on lint's parse workers) must be
// exactly what the replay would have printed, and a cache must never answer for a node it was not filled from.
#include <gtest/gtest.h>

#include "model/catalog_sql.h"
#include "sources/ddl/precompute_texts.h"
#include "sources/ddl_loader.h"
#include "sql/deparse_cache.h"
#include "sql/parser.h"

namespace dbarch {
namespace {

constexpr const char* kDdl = R"(
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN positive AS integer DEFAULT 1 CHECK (VALUE > 0);
CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (position('@' in email) > 1),
  balance numeric(12, 2) DEFAULT 0 CHECK (balance >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT email_lower CHECK (email = lower(email))
);
CREATE TABLE events (
  id bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  payload jsonb DEFAULT '{}'::jsonb
) PARTITION BY RANGE (date_trunc('month', at));
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE accounts ADD COLUMN score integer DEFAULT (1 + 2) CHECK (score < 100);
ALTER TABLE accounts ALTER COLUMN score SET DEFAULT 42 * 2;
ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance > -1) NOT VALID;
CREATE INDEX accounts_lower_email ON accounts (lower(email)) WHERE balance > 0;
CREATE VIEW rich AS SELECT id, email FROM accounts WHERE balance > 1000 ORDER BY email;
CREATE MATERIALIZED VIEW totals AS SELECT date_trunc('day', created_at) AS day, count(*) FROM accounts GROUP BY 1;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER touch_accounts BEFORE UPDATE ON accounts FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION touch();
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON accounts USING (email = current_user) WITH CHECK (balance >= 0);
)";

std::string Replay(const sql::ParsedFile& file, const sql::DeparseCache* cache) {
  model::Catalog catalog;
  sources::DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  sql::ScopedDeparseCache texts(cache);
  replayer.ApplyFile(file, &diagnostics);
  return model::CatalogToSql(catalog);
}

TEST(DeparseCacheTest, PrecomputedTextsReplayToTheSameSchema) {
  auto file = sql::ParseString("ddl.sql", kDdl);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto cache = sources::PrecomputeReplayTexts(*file);
  // Defaults, checks (column, table, domain, added), generated identity aside; partition key and bounds; the
  // index expression and predicate; both view queries; the trigger condition; the policy's two expressions.
  EXPECT_GE(cache->size(), 20u);
  EXPECT_EQ(Replay(*file, cache.get()), Replay(*file, nullptr));
}

TEST(DeparseCacheTest, AnswersOnlyForTheNodeItWasFilledFrom) {
  auto file = sql::ParseString("ddl.sql", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 1 + 2;");
  ASSERT_TRUE(file.ok());
  pg_query::Node* expr =
      file->statements[0].mutable_node()->mutable_alter_table_stmt()->mutable_cmds(0)->mutable_alter_table_cmd()->mutable_def();
  sql::DeparseCache cache;
  cache.Add(*expr, false, "marker");
  {
    sql::ScopedDeparseCache texts(&cache);
    EXPECT_EQ(sql::DeparseExpr(*expr), "marker");                   // the cached text is what is returned
    EXPECT_EQ(cache.Find(*expr, true), nullptr);                    // not as a statement
    pg_query::Node copy = *expr;
    EXPECT_EQ(sql::DeparseExpr(copy), "1 + 2");                    // another node with the same content
    expr->mutable_a_expr()->mutable_rexpr()->mutable_a_const()->mutable_ival()->set_ival(123456789);
    EXPECT_EQ(sql::DeparseExpr(*expr), "1 + 123456789");           // the node changed since
  }
  cache.Add(*expr, false, "marker");
  EXPECT_EQ(sql::DeparseExpr(*expr), "1 + 123456789");             // no cache installed any more
}

}  // namespace
}  // namespace dbarch
