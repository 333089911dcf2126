#include <gtest/gtest.h>

#include "analyzers/normalize.h"
#include "analyzers/normalize/design_sql.h"
#include "sources/csv_reader.h"

namespace dbarch::analyzers {
namespace {

using namespace normalize;

TableData Table(std::string name, std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
  TableData t;
  t.name = std::move(name);
  t.source = t.name + ".csv";
  t.columns = std::move(columns);
  t.rows = std::move(rows);
  return t;
}

NormalizeResult Analyze(std::vector<TableData> tables) {
  auto r = Normalize(std::move(tables), {});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

std::vector<std::string> Names(const TableData& t, const AttributeSet& s) {
  std::vector<std::string> out;
  for (int a : s.Members()) out.push_back(t.columns[a]);
  return out;
}

TEST(ColumnProfile, SmallestTypeThatRoundTrips) {
  EXPECT_EQ(ValueType("42"), "integer");
  EXPECT_EQ(ValueType("-2147483649"), "bigint");
  EXPECT_EQ(ValueType("007"), "text");  // the leading zeros would be lost
  EXPECT_EQ(ValueType("3.50"), "numeric");
  EXPECT_EQ(ValueType("true"), "boolean");
  EXPECT_EQ(ValueType("2024-02-29"), "date");
  EXPECT_EQ(ValueType("2024-13-01"), "text");
  EXPECT_EQ(ValueType("2024-02-29 10:00:00"), "timestamp");
  EXPECT_EQ(ValueType("2024-02-29T10:00:00Z"), "timestamptz");
  EXPECT_EQ(ValueType("0b7e5a3c-7a44-4d2c-9a0e-3f1f2b6c9d10"), "uuid");
  EXPECT_EQ(ValueType("{\"a\": [1, 2]}"), "jsonb");
  EXPECT_EQ(ValueType("{not json}"), "text");
  auto p = ProfileColumns(Table("t", {"n", "mixed"}, {{"1", "1"}, {"20", "x"}, {"", "2.5"}, {"3", ""}}));
  EXPECT_EQ(p[0].type, "integer");
  EXPECT_EQ(p[0].nulls, 1);
  EXPECT_EQ(p[0].distinct, 3);
  EXPECT_EQ(p[0].min, "1");
  EXPECT_EQ(p[0].max, "20");  // numerically, not as text
  EXPECT_EQ(p[1].type, "text");
}

TEST(Ucc, MinimalKeysAndDuplicates) {
  auto t = Table("t", {"a", "b", "c"}, {{"1", "x", "p"}, {"1", "y", "q"}, {"2", "x", "q"}, {"2", "x", "q"}});
  auto rel = CompressedRelation::Build(t, NullSemantics::kNullEqualsNull);
  auto keys = DiscoverUccs(rel);
  EXPECT_EQ(keys.duplicate_rows, 1);
  ASSERT_EQ(keys.keys.size(), 3u);
  EXPECT_EQ(Names(t, keys.keys[0]), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Names(t, keys.keys[1]), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(Names(t, keys.keys[2]), (std::vector<std::string>{"b", "c"}));
  // A single row: the empty set is its key.
  auto one = Table("t", {"a"}, {{"1"}});
  EXPECT_TRUE(DiscoverUccs(CompressedRelation::Build(one, NullSemantics::kNullEqualsNull)).keys.front().Empty());
}

TEST(Ind, ForeignKeyCandidates) {
  auto orders = Table("orders", {"id", "customer"}, {{"1", "c1"}, {"2", "c2"}, {"3", "c1"}, {"4", ""}});
  auto customers = Table("customers", {"code", "name"}, {{"c1", "Ann"}, {"c2", "Bob"}, {"c3", "Cy"}});
  auto inds = DiscoverUnaryInds({&orders, &customers});
  ASSERT_EQ(inds.size(), 1u);
  EXPECT_EQ(inds[0].dependent_column, 1);
  EXPECT_EQ(inds[0].referenced_table, 1);
  EXPECT_EQ(inds[0].referenced_column, 0);
  EXPECT_TRUE(inds[0].referenced_unique);
  EXPECT_EQ(inds[0].distinct_values, 2);
}

// Employees with their department's data repeated: dept → dept_name, building; building → floor is
// transitive through dept.
TableData Employees() {
  std::vector<std::vector<std::string>> rows;
  const char* depts[][3] = {{"10", "Sales", "B1"}, {"20", "Research", "B2"}, {"30", "Support", "B1"}};
  for (int e = 1; e <= 12; ++e) {
    auto& d = depts[e % 3];
    rows.push_back({std::to_string(e), "name" + std::to_string(e), d[0], d[1], d[2]});
  }
  return Table("employees", {"emp_id", "emp_name", "dept_id", "dept_name", "building"}, rows);
}

TEST(NormalForms, TransitiveDependencyWithEvidence) {
  auto r = Analyze({Employees()});
  const auto& t = r.tables[0];
  EXPECT_EQ(t.normal_form.highest, NormalForm::k2NF);
  ASSERT_FALSE(t.normal_form.violations.empty());
  const auto& v = t.normal_form.violations.front();
  EXPECT_EQ(v.kind, "transitive-dependency");
  EXPECT_EQ(Names(t.data, v.fd.lhs), (std::vector<std::string>{"dept_id"}));
  EXPECT_NE(v.evidence.find("holds on 100% of 12 rows; 3 distinct dept_id values, so 9 rows repeat"),
            std::string::npos)
      << v.evidence;
}

TEST(NormalForms, NonAtomicValues) {
  // tags holds lists; phone1/phone2 repeat one attribute; the last row is a duplicate.
  auto t = Table("contacts", {"id", "tags", "phone1", "phone2"},
                 {{"1", "a, b", "5", "6"}, {"2", "c", "5", "7"}, {"3", "a;c", "7", "8"}, {"4", "b|d", "7", "9"},
                  {"4", "b|d", "7", "9"}});
  auto r = Analyze({t});
  const auto& nf = r.tables[0].normal_form;
  EXPECT_EQ(nf.highest, NormalForm::kUnnormalized);
  std::vector<std::string> kinds;
  for (const auto& v : nf.violations) kinds.push_back(v.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"non-atomic-list", "repeated-group", "duplicate-rows"}));
}

TEST(NormalForms, PartialDependencyOnPartOfTheKey) {
  // (order_no, line) is the key; order_no → date is a partial dependency.
  std::vector<std::vector<std::string>> rows;
  for (int o = 1; o <= 8; ++o)
    for (int l = 1; l <= 3; ++l)
      rows.push_back({std::to_string(o), std::to_string(l), "2024-01-0" + std::to_string(o % 3 + 1),
                      std::to_string((o * 7 + l * 3) % 5)});
  auto r = Analyze({Table("lines", {"order_no", "line", "date", "qty"}, rows)});
  const auto& t = r.tables[0];
  EXPECT_EQ(t.normal_form.highest, NormalForm::k1NF);
  ASSERT_FALSE(t.normal_form.violations.empty());
  const auto& v = t.normal_form.violations.front();
  EXPECT_EQ(v.kind, "partial-dependency");
  EXPECT_EQ(Names(t.data, v.fd.lhs), (std::vector<std::string>{"order_no"}));
  EXPECT_EQ(Names(t.data, v.rhs), (std::vector<std::string>{"date"}));
  EXPECT_NE(v.evidence.find("(a partial dependency on the key (order_no, line))"), std::string::npos) << v.evidence;
}

TEST(NormalForms, KeyOnlyTableIsBcnf) {
  auto r = Analyze({Table("t", {"id", "v"}, {{"1", "a"}, {"2", "a"}, {"3", "b"}})});
  EXPECT_EQ(r.tables[0].normal_form.highest, NormalForm::kBCNF);
  EXPECT_EQ(r.tables[0].decomposition.method, "unchanged");
}

TEST(Decomposition, SplitsOnTheNaturalKeyAndIsDependencyPreserving) {
  auto r = Analyze({Employees()});
  const auto& d = r.tables[0].decomposition;
  EXPECT_EQ(d.method, "BCNF decomposition");
  EXPECT_TRUE(d.dependency_preserving);
  ASSERT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.tables[0].name, "dept");  // referenced tables first
  EXPECT_EQ(Names(r.tables[0].data, d.tables[0].primary_key), (std::vector<std::string>{"dept_id"}));
  EXPECT_EQ(d.tables[1].name, "employees");
  ASSERT_EQ(d.tables[1].foreign_keys.size(), 1u);
  EXPECT_EQ(d.tables[1].foreign_keys[0].referenced, 0);
  auto sql = BuildDesignSql(r.tables[0].data, r.tables[0].profile, d, true);
  EXPECT_NE(sql.ddl.find("CREATE TABLE dept (\n  dept_id integer NOT NULL,\n  dept_name text NOT NULL,\n  building "
                         "text NOT NULL,\n  PRIMARY KEY (dept_id)\n);"),
            std::string::npos)
      << sql.ddl;
  EXPECT_NE(sql.migration.find("INSERT INTO dept (dept_id, dept_name, building)\nSELECT DISTINCT"), std::string::npos);
  EXPECT_NE(sql.migration.find("ALTER TABLE employees ADD FOREIGN KEY (dept_id) REFERENCES dept (dept_id);"),
            std::string::npos);
}

TEST(Decomposition, AccidentalFdsDoNotSplit) {
  // Every value of b is unique but one repeat: a → b holds by chance on the one repeated pair.
  auto t = Table("t", {"id", "a", "b"}, {{"1", "x", "p"}, {"2", "y", "q"}, {"3", "z", "r"}, {"4", "w", "s"},
                                          {"5", "v", "t"}, {"6", "u", "u"}, {"7", "x", "p"}, {"8", "k", "l"},
                                          {"9", "m", "n"}, {"10", "o", "o"}, {"11", "j", "i"}, {"12", "h", "g"}});
  auto r = Analyze({t});
  EXPECT_TRUE(r.tables[0].normal_form.violations.empty());
  EXPECT_FALSE(r.tables[0].normal_form.accidental.empty());
  EXPECT_EQ(r.tables[0].decomposition.method, "unchanged");
}

TEST(Decomposition, FlatOrdersExample) {
  auto csv = sources::ReadCsvFile(DBARCH_TEST_DATA_DIR "/../examples/flat_orders/orders.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  auto r = Analyze({Table("orders", csv->columns, csv->rows)});
  const auto& d = r.tables[0].decomposition;
  EXPECT_EQ(r.tables[0].normal_form.highest, NormalForm::k1NF);
  EXPECT_EQ(d.method, "BCNF decomposition");
  std::vector<std::string> names;
  for (const auto& t : d.tables) names.push_back(t.name + "(" + std::to_string(t.columns.size()) + ")");
  EXPECT_EQ(names, (std::vector<std::string>{"zip(2)", "customer(4)", "orders(3)", "product(4)", "orders_detail(4)"}));
}

}  // namespace
}  // namespace dbarch::analyzers
