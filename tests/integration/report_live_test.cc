// `dbarch report --db`: a live database (here a second scratch cluster standing in for production) gives
// the schema, the statistics and the workload (pg_stat_statements); the experiments run on dbarch's own
// scratch cluster with data sized like the live tables; the live database is never written to.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <map>

#include "scratch_fixture.h"

namespace dbarch {
namespace {

class ReportLiveTest : public testing::ScratchTest {};

std::string Capture(const std::string& command, int* exit_code) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  size_t n;
  while (pipe != nullptr && (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST_F(ReportLiveTest, LiveSchemaStatisticsAndWorkloadDriveTheReport) {
  verify::PgConnection production = FreshDatabase();
  ASSERT_TRUE(production
                  .Execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE,"
                           " plan text NOT NULL CHECK (plan IN ('free', 'pro')));"
                           "CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts,"
                           " amount numeric(10,2) NOT NULL, issued_on date NOT NULL);"
                           "INSERT INTO accounts SELECT g, 'a' || g || '@example.com',"
                           " CASE WHEN g % 10 = 0 THEN 'pro' ELSE 'free' END FROM generate_series(1, 3000) g;"
                           "INSERT INTO invoices SELECT g, 1 + g % 3000, g % 500, date '2024-01-01' + g % 365"
                           " FROM generate_series(1, 12000) g;")
                  .ok());
  ASSERT_TRUE(production.Execute("ANALYZE").ok());
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(production.Execute(fmt::format("SELECT sum(amount) FROM invoices WHERE account_id = {}", i + 1)).ok());
  }
  const std::string before = production.Query("SELECT count(*) FROM invoices")->Get(0, "count");

  int exit_code = 0;
  const std::string command = std::string(DBARCH_BINARY) + " --quiet report --db \"" + Cluster().ConnInfo(database_) +
                              "\" --repetitions 1 --no-bench --format json";
  const std::string output = Capture(command, &exit_code);
  ASSERT_EQ(exit_code, 0) << command << "\n" << output.substr(0, 2000);
  const nlohmann::json report = nlohmann::json::parse(output);
  // With --db, section 7 carries the server's health checks and section 1 the server's security settings.
  ASSERT_TRUE(report["sections"]["monitoring"]["health_findings"].is_array()) << report["sections"]["monitoring"].dump().substr(0, 500);
  bool hba_trust = false;
  for (const auto& f : report["sections"]["schema_design"]["security_findings"]) hba_trust |= f["rule"] == "security/hba-trust";
  EXPECT_TRUE(hba_trust) << "the scratch cluster's pg_hba.conf trusts local connections";
  const nlohmann::json& queries = report["sections"]["query_examples"];

  const nlohmann::json* by_account = nullptr;
  for (const auto& query : queries["queries"]) {
    if (query["text"].get<std::string>().find("FROM invoices WHERE account_id") != std::string::npos) by_account = &query;
  }
  ASSERT_NE(by_account, nullptr) << queries.dump(2).substr(0, 3000);
  EXPECT_EQ((*by_account)["calls"], 7);
  EXPECT_EQ((*by_account)["observed"]["source"], "pg_stat_statements");
  EXPECT_TRUE((*by_account)["scratch"]["planned"].get<bool>()) << by_account->dump(2);

  const nlohmann::json& scratch = queries["scratch"];
  ASSERT_TRUE(scratch["ran"].get<bool>()) << scratch.dump(2);
  std::map<std::string, long long> rows;
  for (const auto& table : scratch["tables"]) rows[table["table"]] = table["rows"];
  EXPECT_EQ(rows["public.accounts"], 3000);  // sized like the live tables
  EXPECT_EQ(rows["public.invoices"], 12000);

  // Read-only: production is unchanged.
  EXPECT_EQ(production.Query("SELECT count(*) FROM invoices")->Get(0, "count"), before);
}

// `dbarch index --db`: the workload comes from pg_stat_statements, unused indexes from the live idx_scan counters;
// the new index is proven on the scratch cluster, never built on the live database.
TEST_F(ReportLiveTest, IndexAdviceFromTheLiveWorkloadAndCounters) {
  verify::PgConnection production = FreshDatabase();
  ASSERT_TRUE(production
                  .Execute("CREATE TABLE tickets (id bigint PRIMARY KEY, requester_id bigint NOT NULL,"
                           " state text NOT NULL, subject text NOT NULL, opened_at timestamptz NOT NULL);"
                           "CREATE INDEX tickets_opened_at_idx ON tickets (opened_at);"
                           "INSERT INTO tickets SELECT g, 1 + g % 5000, CASE WHEN g % 4 = 0 THEN 'open' ELSE 'closed' END,"
                           " 'subject ' || g, timestamptz '2025-01-01' + g * interval '1 minute'"
                           " FROM generate_series(1, 40000) g;")
                  .ok());
  ASSERT_TRUE(production.Execute("ANALYZE; SELECT pg_stat_reset();").ok());
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        production.Execute(fmt::format("SELECT id, subject FROM tickets WHERE requester_id = {}", i + 1)).ok());
  }
  int exit_code = 0;
  const std::string command = std::string(DBARCH_BINARY) + " --quiet index --db \"" + Cluster().ConnInfo(database_) +
                              "\" --repetitions 3 --format json";
  const std::string output = Capture(command, &exit_code);
  ASSERT_EQ(exit_code, 0) << command << "\n" << output.substr(0, 2000);
  const nlohmann::json advice = nlohmann::json::parse(output);
  ASSERT_TRUE(advice["ran"].get<bool>()) << advice.dump(2).substr(0, 2000);
  bool requester_index = false;
  for (const auto& add : advice["add"]) {
    if (add["create_sql"].get<std::string>().find("tickets (requester_id)") != std::string::npos) {
      requester_index = true;
      EXPECT_EQ(add["status"], "verified") << add.dump(2);
    }
  }
  EXPECT_TRUE(requester_index) << advice["add"].dump(2);
  bool unused = false;
  for (const auto& drop : advice["drop"]) {
    if (drop["index"] == "public.tickets_opened_at_idx") {
      unused = true;
      EXPECT_EQ(drop["kind"], "unused");
      EXPECT_GT(drop["bytes"].get<long long>(), 0);
    }
  }
  EXPECT_TRUE(unused) << advice["drop"].dump(2);
  // Nothing was built on the live database.
  EXPECT_EQ(production.Query("SELECT count(*) FROM pg_indexes WHERE tablename = 'tickets'")->Get(0, "count"), "2");
}

TEST_F(ReportLiveTest, UnreachableDatabaseFailsClearlyWithoutThePassword) {
  int exit_code = 0;
  const std::string output = Capture(std::string(DBARCH_BINARY) +
                                         " report --no-verify --db postgresql://app:hunter2@127.0.0.1:1/shop 2>&1",
                                     &exit_code);
  EXPECT_EQ(exit_code, 3);
  EXPECT_NE(output.find("cannot connect"), std::string::npos) << output;
  EXPECT_EQ(output.find("hunter2"), std::string::npos) << output;
}

}  // namespace
}  // namespace dbarch
