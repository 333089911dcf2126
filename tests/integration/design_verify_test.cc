// dbarch design's proof on a real PostgreSQL: the flat orders example decomposes losslessly with every key
// and foreign key holding on the data, and a decomposition that is not lossless is caught.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "analyzers/normalize.h"
#include "analyzers/normalize/design_sql.h"
#include "scratch_fixture.h"
#include "sources/csv_reader.h"
#include "verify/design_check.h"

namespace dbarch::testing {
namespace {

using namespace analyzers::normalize;

analyzers::NormalizeResult Analyze(const std::string& path) {
  auto csv = sources::ReadCsvFile(path);
  EXPECT_TRUE(csv.ok()) << csv.status().ToString();
  TableData t;
  t.name = csv->name;
  t.source = path;
  t.columns = csv->columns;
  t.rows = csv->rows;
  auto result = analyzers::Normalize({t}, {});
  EXPECT_TRUE(result.ok());
  return std::move(result).value();
}

std::vector<std::string> Names(const Decomposition& d) {
  std::vector<std::string> names;
  for (const auto& t : d.tables) names.push_back(t.name);
  return names;
}

class DesignVerifyTest : public ScratchTest {};

TEST_F(DesignVerifyTest, FlatOrdersMigrationIsLossless) {
  auto result = Analyze(DBARCH_TEST_DATA_DIR "/../examples/flat_orders/orders.csv");
  const auto& t = result.tables[0];
  auto sql = BuildDesignSql(t.data, t.profile, t.decomposition, true);
  auto connection = FreshDatabase();
  auto v = verify::VerifyDesign(connection, t.data, sql, Names(t.decomposition));
  ASSERT_TRUE(v.ran) << v.not_run_reason;
  ASSERT_TRUE(v.migration_ok) << v.migration_error;
  EXPECT_EQ(v.original_rows, 289);
  EXPECT_EQ(v.missing_rows, 0);
  EXPECT_EQ(v.extra_rows, 0);
  EXPECT_TRUE(v.lossless());
  std::map<std::string, long long> rows(v.table_rows.begin(), v.table_rows.end());
  EXPECT_EQ(rows["customer"], 38);
  EXPECT_EQ(rows["product"], 20);
  EXPECT_EQ(rows["orders"], 120);
  EXPECT_EQ(rows["orders_detail"], 289);
  // The foreign keys are in place: an order line for an unknown product is refused.
  EXPECT_FALSE(connection.Execute("INSERT INTO orders_detail VALUES (1001, 9, 'NOPE', 1)").ok());
}

TEST_F(DesignVerifyTest, LossyDecompositionIsCaught) {
  auto result = Analyze(DBARCH_TEST_DATA_DIR "/../examples/flat_orders/orders.csv");
  const auto& t = result.tables[0];
  Decomposition lossy = t.decomposition;
  // Drop the link between order lines and orders: the join can no longer match lines to their order.
  for (auto& dt : lossy.tables)
    if (dt.name == "orders_detail") {
      dt.foreign_keys.erase(std::remove_if(dt.foreign_keys.begin(), dt.foreign_keys.end(),
                                           [&](const DesignedTable::ForeignKey& fk) {
                                             return lossy.tables[fk.referenced].name == "orders";
                                           }),
                            dt.foreign_keys.end());
      dt.attributes.Reset(0);  // order_id
      dt.primary_key = AttributeSet();  // (line_no, …) alone is not unique: no primary key
      std::erase(dt.columns, 0);
    }
  auto sql = BuildDesignSql(t.data, t.profile, lossy, true);
  auto connection = FreshDatabase();
  auto v = verify::VerifyDesign(connection, t.data, sql, Names(lossy));
  ASSERT_TRUE(v.ran) << v.not_run_reason;
  ASSERT_TRUE(v.migration_ok) << v.migration_error;
  EXPECT_GT(v.extra_rows, 0);
  EXPECT_FALSE(v.lossless());
}

TEST_F(DesignVerifyTest, NullsSurviveTheRoundTrip) {
  TableData t;
  t.name = "tickets";
  t.source = "tickets.csv";
  t.columns = {"ticket_id", "agent_id", "agent_name", "status"};
  t.rows = {{"1", "7", "Mia", "open"}, {"2", "7", "Mia", "closed"}, {"3", "", "", "open"},
            {"4", "9", "Noor", "open"}, {"5", "9", "Noor", "closed"}, {"6", "", "", "closed"},
            {"7", "7", "Mia", "open"},  {"8", "9", "Noor", "open"}};
  auto result = analyzers::Normalize({t}, {});
  ASSERT_TRUE(result.ok());
  const auto& n = result->tables[0];
  auto sql = BuildDesignSql(n.data, n.profile, n.decomposition, true);
  auto connection = FreshDatabase();
  auto v = verify::VerifyDesign(connection, n.data, sql, Names(n.decomposition));
  ASSERT_TRUE(v.migration_ok) << v.migration_error << "\n" << sql.migration;
  EXPECT_TRUE(v.lossless()) << v.missing_rows << " missing, " << v.extra_rows << " extra\n" << sql.missing_rows_query;
}

}  // namespace
}  // namespace dbarch::testing
