// Row plans without a database: unique keys hold by construction, "a < b" checks and num_nonnulls() hold,
// foreign keys take their parent's keys, row counts stop at what the unique keys allow, and the same seed
// gives the same rows.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "sources/ddl_loader.h"
#include "verify/datagen/table_plan.h"

namespace dbarch::verify::datagen {
namespace {

model::Catalog CatalogOf(const std::string& ddl) {
  auto parsed = sql::ParseString("t.sql", ddl);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  model::Catalog catalog;
  sources::DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  replayer.ApplyFile(parsed.value(), &diagnostics);
  return catalog;
}

// Rows of one table as COPY fields ("\\N" for NULL).
std::vector<std::vector<std::string>> Rows(const TablePlan& plan) {
  std::vector<std::vector<std::string>> rows;
  for (int64_t r = 0; r < plan.rows(); ++r) {
    std::string line;
    plan.AppendRow(r, &line);
    EXPECT_EQ(line.back(), '\n');
    line.pop_back();
    std::vector<std::string> fields;
    std::stringstream in(line);
    std::string field;
    while (std::getline(in, field, '\t')) fields.push_back(field);
    if (!line.empty() && line.back() == '\t') fields.push_back("");
    EXPECT_EQ(fields.size(), plan.copy_columns().size()) << line;
    rows.push_back(std::move(fields));
  }
  return rows;
}

class DatagenTablePlanTest : public ::testing::Test {
 protected:
  const TablePlan& Plan(const std::string& ddl, const std::string& table, int64_t rows, uint64_t seed = 1) {
    catalogs_.push_back(std::make_unique<model::Catalog>(CatalogOf(ddl)));
    inputs_.catalog = catalogs_.back().get();
    inputs_.seed = seed;
    for (const auto& [name, t] : inputs_.catalog->tables) inputs_.row_counts[name] = rows;
    inputs_.keys = [this](const model::QualifiedName& parent, const std::vector<std::string>& columns) -> const KeyProvider* {
      for (const auto& plan : plans_) {
        if (plan->table() == parent) return (providers_.emplace_back(plan->Keys(columns))).get();
      }
      return nullptr;
    };
    auto plan = TablePlan::Build(inputs_, *inputs_.catalog->FindTable({"public", table}));
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    plans_.push_back(std::move(plan).value());
    return *plans_.back();
  }
  int Column(const TablePlan& plan, const std::string& name) {
    const auto& columns = plan.copy_columns();
    return static_cast<int>(std::find(columns.begin(), columns.end(), name) - columns.begin());
  }

  PlanInputs inputs_;
  std::vector<std::unique_ptr<model::Catalog>> catalogs_;
  std::vector<std::unique_ptr<TablePlan>> plans_;
  std::vector<std::unique_ptr<KeyProvider>> providers_;
};

TEST_F(DatagenTablePlanTest, CompositeKeysNeverRepeat) {
  const auto& plan = Plan("CREATE TABLE t (region char(1) NOT NULL, code smallint NOT NULL CHECK (code BETWEEN 1 AND 40),"
                          " flag boolean NOT NULL, UNIQUE (region, code, flag));",
                          "t", 2000);
  EXPECT_TRUE(plan.filters().empty());
  EXPECT_FALSE(plan.needs_conflict_skip());
  std::set<std::vector<std::string>> seen;
  for (auto& row : Rows(plan)) seen.insert(row);
  EXPECT_EQ(seen.size(), 2000u);
}

TEST_F(DatagenTablePlanTest, RowsStopAtWhatUniqueKeysAllow) {
  const auto& plan = Plan("CREATE TABLE t (a boolean NOT NULL, b text NOT NULL CHECK (b IN ('x', 'y', 'z')), PRIMARY KEY (a, b));",
                          "t", 100);
  EXPECT_EQ(plan.rows(), 6);
  ASSERT_FALSE(plan.notes().empty());
  std::set<std::vector<std::string>> seen;
  for (auto& row : Rows(plan)) seen.insert(row);
  EXPECT_EQ(seen.size(), 6u);
}

TEST_F(DatagenTablePlanTest, OrderedColumnPairsHold) {
  const auto& plan = Plan("CREATE TABLE t (id int PRIMARY KEY, starts date NOT NULL, ends date, low int NOT NULL CHECK (low >= 10),"
                          " high int NOT NULL CHECK (high <= 500), CHECK (starts <= ends), CHECK (low < high));",
                          "t", 3000);
  EXPECT_TRUE(plan.filters().empty());
  const int starts = Column(plan, "starts"), ends = Column(plan, "ends"), low = Column(plan, "low"), high = Column(plan, "high");
  int with_end = 0;
  for (const auto& row : Rows(plan)) {
    if (row[static_cast<size_t>(ends)] != "\\N") {
      ++with_end;
      EXPECT_LE(row[static_cast<size_t>(starts)], row[static_cast<size_t>(ends)]);  // ISO dates sort as text
    }
    const int l = std::stoi(row[static_cast<size_t>(low)]), h = std::stoi(row[static_cast<size_t>(high)]);
    EXPECT_GE(l, 10);
    EXPECT_LE(h, 500);
    EXPECT_LT(l, h);
  }
  EXPECT_GT(with_end, 2000);
}

TEST_F(DatagenTablePlanTest, NonNullCountsHold) {
  const auto& plan = Plan("CREATE TABLE t (id int PRIMARY KEY, email text, phone text, fax text,"
                          " CHECK (num_nonnulls(email, phone, fax) = 1));",
                          "t", 1000);
  EXPECT_TRUE(plan.filters().empty());
  std::set<int> which;
  for (const auto& row : Rows(plan)) {
    int non_null = 0;
    for (size_t i = 1; i < row.size(); ++i) non_null += row[i] != "\\N";
    ASSERT_EQ(non_null, 1);
    for (size_t i = 1; i < row.size(); ++i) {
      if (row[i] != "\\N") which.insert(static_cast<int>(i));
    }
  }
  EXPECT_EQ(which.size(), 3u);
}

TEST_F(DatagenTablePlanTest, ForeignKeysTakeParentKeysWithSkew) {
  const std::string ddl = "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);"
                          "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);";
  const auto& customers = Plan(ddl, "customers", 200);
  std::set<std::string> ids;
  for (const auto& row : Rows(customers)) ids.insert(row[0]);
  const auto& orders = Plan(ddl, "orders", 20000);
  std::map<std::string, int> per_customer;
  for (const auto& row : Rows(orders)) {
    ASSERT_TRUE(ids.count(row[1])) << row[1];
    ++per_customer[row[1]];
  }
  int hottest = 0;
  for (const auto& [id, n] : per_customer) hottest = std::max(hottest, n);
  EXPECT_GT(hottest, 20000 / 200 * 5);  // Zipf: the hottest parent has many times its fair share
}

TEST_F(DatagenTablePlanTest, NotUnderstoodChecksBecomeFilters) {
  const auto& plan = Plan("CREATE TABLE t (id int PRIMARY KEY, slug text NOT NULL CHECK (slug ~ '^[a-z-]+$'),"
                          " nick text CHECK (nick ~ '^[A-Z]'));",
                          "t", 10);
  EXPECT_EQ(plan.filters(), (std::vector<std::string>{"slug ~ '^[a-z-]+$'"}));
  // A nullable column's own CHECK is satisfied by leaving it NULL instead.
  for (const auto& row : Rows(plan)) EXPECT_EQ(row[2], "\\N");
}

TEST_F(DatagenTablePlanTest, SameSeedSameRows) {
  const std::string ddl = "CREATE TABLE t (id int PRIMARY KEY, score numeric(5,2), at timestamptz NOT NULL, tag text);";
  const auto a = Rows(Plan(ddl, "t", 500, 7));
  const auto b = Rows(Plan(ddl, "t", 500, 7));
  const auto c = Rows(Plan(ddl, "t", 500, 8));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

}  // namespace
}  // namespace dbarch::verify::datagen
