// Live tables sampled for `dbarch normalize --db`: small tables read whole, large ones through TABLESAMPLE,
// NULLs kept apart from empty strings, unknown tables refused; and the normal-form judgement of the sample
// finds the dependency a flat table repeats (customer_id → customer name and e-mail).
#include "sources/live/table_sample.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "analyzers/normalize.h"
#include "analyzers/normalize/normal_form_findings.h"
#include "scratch_fixture.h"

namespace dbarch::sources {
namespace {

class TableSampleTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    connection_ = FreshDatabase();
    ASSERT_TRUE(connection_
                    .Execute("CREATE TABLE flat_orders (order_id int PRIMARY KEY, customer_id int NOT NULL,"
                             " customer_name text NOT NULL, customer_email text NOT NULL, amount int NOT NULL);"
                             "INSERT INTO flat_orders SELECT g, 1 + g % 300, 'name ' || (1 + g % 300),"
                             " 'c' || (1 + g % 300) || '@example.com', (g * 37) % 1000 FROM generate_series(1, 20000) g;"
                             "CREATE SCHEMA crm;"
                             "CREATE TABLE crm.notes (id int PRIMARY KEY, body text);"
                             "INSERT INTO crm.notes VALUES (1, ''), (2, NULL), (3, 'call back');"
                             "ANALYZE;")
                    .ok());
  }
  verify::PgConnection connection_;
};

TEST_F(TableSampleTest, SmallTablesAreReadWholeLargeOnesSampledAndNullsKeptApart) {
  TableSampleOptions options;
  options.max_rows = 2000;
  auto samples = SampleLiveTables(connection_, options);
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  ASSERT_EQ(samples->tables.size(), 2u);
  const auto& flat = samples->tables[0];  // largest first
  EXPECT_EQ(flat.name, "flat_orders");
  EXPECT_EQ(flat.columns, (std::vector<std::string>{"order_id", "customer_id", "customer_name", "customer_email", "amount"}));
  EXPECT_GT(flat.num_rows(), 500);
  EXPECT_LE(flat.num_rows(), 2000);
  EXPECT_NE(flat.source.find("sample"), std::string::npos) << flat.source;
  const auto& notes = samples->tables[1];
  EXPECT_EQ(notes.name, "crm.notes");
  ASSERT_EQ(notes.num_rows(), 3);
  int nulls = 0, empty = 0;
  for (const auto& row : notes.rows) {
    nulls += notes.IsNull(row[1]);
    empty += row[1].empty();
  }
  EXPECT_EQ(nulls, 1);
  EXPECT_EQ(empty, 1);
}

TEST_F(TableSampleTest, UnknownTableIsRefused) {
  TableSampleOptions options;
  options.tables = {"no_such_table"};
  auto samples = SampleLiveTables(connection_, options);
  ASSERT_FALSE(samples.ok());
  EXPECT_EQ(samples.status().code(), Status::Code::kInvalidInput);
}

TEST_F(TableSampleTest, TheSampleShowsTheRepeatedCustomerData) {
  TableSampleOptions options;
  options.tables = {"flat_orders"};
  options.max_rows = 3000;
  auto samples = SampleLiveTables(connection_, options);
  ASSERT_TRUE(samples.ok()) << samples.status().ToString();
  analyzers::NormalizeOptions normalize;
  normalize.fd.threads = 1;
  auto judged = analyzers::Normalize(std::move(samples->tables), normalize);
  ASSERT_TRUE(judged.ok()) << judged.status().ToString();
  Findings findings = analyzers::normalize::NormalFormFindings(*judged);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "schema/normal-form-violation");
  EXPECT_EQ(findings[0].object, "flat_orders");
  std::string evidence;
  for (const auto& e : findings[0].evidence) evidence += e + "\n";
  EXPECT_NE(evidence.find("customer_id"), std::string::npos) << evidence;

  // The command line: dbarch normalize --db … --table flat_orders.
  const std::string command = std::string(DBARCH_BINARY) + " --quiet normalize --db \"" + Cluster().ConnInfo(database_) +
                              "\" --table flat_orders --sample-rows 3000 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) output += buffer;
  EXPECT_NE(output.find("flat_orders"), std::string::npos) << output;
  EXPECT_NE(output.find("customer_id"), std::string::npos) << output;
}

}  // namespace
}  // namespace dbarch::sources
