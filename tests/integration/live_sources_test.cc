// Reading a live database (here: the scratch cluster standing in for production): statistics, the workload
// from pg_stat_statements, read-only sessions, and degrading to notes when privileges or extensions are
// missing.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "scratch_fixture.h"
#include "sources/ddl_loader.h"
#include "sources/live/live_statistics.h"
#include "sources/live/pg_stat_statements.h"

namespace dbarch::sources {
namespace {

class LiveSourcesTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    admin_ = FreshDatabase();
    ASSERT_TRUE(admin_
                    .Execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, plan text);"
                             "CREATE INDEX accounts_plan_idx ON accounts (plan);"
                             "INSERT INTO accounts SELECT g, 'user' || g || '@example.com',"
                             " CASE WHEN g % 10 = 0 THEN 'pro' WHEN g % 3 = 0 THEN NULL ELSE 'free' END"
                             " FROM generate_series(1, 20000) g;"
                             "ANALYZE accounts;")
                    .ok());
  }

  verify::PgConnection ConnectLive(const std::string& user = "postgres") {
    verify::ConnectOptions options;
    options.conninfo = Cluster().ConnInfo(database_) + " user=" + user;
    auto connection = verify::PgConnection::Connect(options);
    EXPECT_TRUE(connection.ok()) << connection.status().ToString();
    return std::move(connection).value();
  }

  static model::Catalog AccountsCatalog() {
    auto parsed = sql::ParseString("schema.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, plan text);");
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    model::Catalog catalog;
    Diagnostics diagnostics;
    DdlReplayer(&catalog).ApplyFile(*parsed, &diagnostics);
    return catalog;
  }

  verify::PgConnection admin_;
};

TEST_F(LiveSourcesTest, LiveSessionsAreReadOnlyWithTimeouts) {
  verify::PgConnection live = ConnectLive();
  auto settings = live.Query(
      "SELECT current_setting('default_transaction_read_only') AS ro, current_setting('statement_timeout') AS st,"
      " current_setting('lock_timeout') AS lt, current_setting('application_name') AS app");
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->Get(0, "ro"), "on");
  EXPECT_EQ(settings->Get(0, "st"), "30s");
  EXPECT_EQ(settings->Get(0, "lt"), "2s");
  EXPECT_EQ(settings->Get(0, "app"), "dbarch");
  EXPECT_FALSE(live.Execute("INSERT INTO accounts VALUES (0, 'x', 'free')").ok());
  EXPECT_EQ(live.sql_state(), "25006");  // read_only_sql_transaction
}

TEST_F(LiveSourcesTest, StatisticsDescribeTheData) {
  ASSERT_TRUE(admin_.Execute("SELECT count(*) FROM accounts WHERE id = 5").ok());
  verify::PgConnection live = ConnectLive();
  auto statistics = ReadLiveStatistics(live);
  ASSERT_TRUE(statistics.ok()) << statistics.status().ToString();
  const model::TableStatistics* accounts = statistics->FindTable({"public", "accounts"});
  ASSERT_NE(accounts, nullptr);
  EXPECT_EQ(accounts->rows, 20000);
  EXPECT_GT(accounts->pages, 0);
  EXPECT_GT(accounts->total_bytes, accounts->table_bytes);
  EXPECT_TRUE(accounts->last_analyze.has_value());
  const model::ColumnStatistics* plan = accounts->FindColumn("plan");
  ASSERT_NE(plan, nullptr);
  EXPECT_NEAR(plan->null_frac, 0.3, 0.05);
  EXPECT_EQ(plan->n_distinct, 2);
  EXPECT_EQ(plan->most_common_values.front(), "free");
  const model::ColumnStatistics* id = accounts->FindColumn("id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->n_distinct, -1);
  EXPECT_NEAR(id->correlation.value_or(0), 1.0, 0.01);
  ASSERT_EQ(statistics->indexes.count({"public", "accounts_plan_idx"}), 1u);
  EXPECT_GT(statistics->indexes.at({"public", "accounts_plan_idx"}).size_bytes, 0);
  EXPECT_EQ(statistics->RowCount({"public", "accounts"}), 20000);
}

TEST_F(LiveSourcesTest, WorkloadComesFromPgStatStatements) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(admin_.Execute(fmt::format("SELECT email FROM accounts WHERE id = {}", i + 1)).ok());
  }
  ASSERT_TRUE(admin_.Execute("SELECT count(*) FROM accounts WHERE plan = 'pro'").ok());
  verify::PgConnection live = ConnectLive();
  model::Workload workload;
  std::vector<std::string> notes;
  ASSERT_TRUE(AddPgStatStatements(live, AccountsCatalog(), {}, &workload, &notes).ok());
  const model::Query* by_id = nullptr;
  for (const model::Query& query : workload.queries) {
    if (query.text.find("email FROM accounts WHERE id") != std::string::npos) by_id = &query;
  }
  ASSERT_NE(by_id, nullptr);
  EXPECT_EQ(by_id->calls, 5);
  ASSERT_TRUE(by_id->observed.has_value());
  EXPECT_EQ(by_id->observed->rows, 5);
  EXPECT_GT(by_id->observed->total_ms, 0);
  ASSERT_EQ(by_id->predicates.size(), 1u);
  EXPECT_EQ(by_id->predicates[0].column.ToString(), "public.accounts.id");
  for (const model::Query& query : workload.queries) {
    EXPECT_NE(query.kind, model::StatementKind::kOther) << query.text;  // utility statements left out
  }
}

TEST_F(LiveSourcesTest, MissingPrivilegesAndExtensionsBecomeNotes) {
  ASSERT_TRUE(admin_.Execute("SELECT email FROM accounts WHERE id = 1").ok());
  ASSERT_TRUE(admin_.Execute("CREATE ROLE reader LOGIN").ok());
  verify::PgConnection reader = ConnectLive("reader");
  model::Workload workload;
  std::vector<std::string> notes;
  ASSERT_TRUE(AddPgStatStatements(reader, AccountsCatalog(), {}, &workload, &notes).ok());
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.front().find("pg_read_all_stats"), std::string::npos) << notes.front();
  auto statistics = ReadLiveStatistics(reader);
  ASSERT_TRUE(statistics.ok()) << statistics.status().ToString();  // pg_class is readable; pg_stats rows hidden
  EXPECT_TRUE(statistics->tables.at({"public", "accounts"}).columns.empty());

  ASSERT_TRUE(admin_.Execute("DROP EXTENSION pg_stat_statements").ok());
  verify::PgConnection live = ConnectLive();
  notes.clear();
  ASSERT_TRUE(AddPgStatStatements(live, AccountsCatalog(), {}, &workload, &notes).ok());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("CREATE EXTENSION pg_stat_statements"), std::string::npos);
}

}  // namespace
}  // namespace dbarch::sources
