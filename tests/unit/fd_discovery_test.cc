#include <gtest/gtest.h>

#include <map>
#include <random>

#include "analyzers/normalize/fd_discovery.h"
#include "sources/csv_reader.h"

namespace dbarch::analyzers::normalize {
namespace {

TableData Table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
  TableData t;
  t.name = "t";
  t.columns = std::move(columns);
  t.rows = std::move(rows);
  return t;
}

std::vector<FunctionalDependency> Discover(const TableData& t, NullSemantics nulls = NullSemantics::kNullEqualsNull,
                                           int threads = 1) {
  FdOptions options;
  options.threads = threads;
  return DiscoverFds(CompressedRelation::Build(t, nulls, threads), options).fds;
}

// X → A by definition, pair by pair: no two rows agree on X and differ on A. Under NULL ≠ NULL a NULL
// agrees with nothing, not even another NULL.
bool Holds(const TableData& t, const AttributeSet& lhs, int rhs, NullSemantics nulls) {
  auto agree = [&](const std::vector<std::string>& x, const std::vector<std::string>& y, int a) {
    if (nulls == NullSemantics::kNullNotEqualsNull && (t.IsNull(x[a]) || t.IsNull(y[a]))) return false;
    return x[a] == y[a];
  };
  if (nulls == NullSemantics::kNullEqualsNull) {  // then grouping by the X values is the same thing, faster
    std::map<std::vector<std::string>, std::string> seen;
    for (const auto& row : t.rows) {
      std::vector<std::string> key;
      for (int a : lhs.Members()) key.push_back(row[a]);
      auto [it, inserted] = seen.emplace(std::move(key), row[rhs]);
      if (!inserted && it->second != row[rhs]) return false;
    }
    return true;
  }
  for (size_t i = 0; i < t.rows.size(); ++i)
    for (size_t j = i + 1; j < t.rows.size(); ++j) {
      bool same_lhs = true;
      for (int a : lhs.Members()) same_lhs = same_lhs && agree(t.rows[i], t.rows[j], a);
      if (same_lhs && !agree(t.rows[i], t.rows[j], rhs)) return false;
    }
  return true;
}

// All minimal non-trivial FDs by enumeration (small tables only): the oracle for the fast algorithm.
std::vector<FunctionalDependency> BruteForce(const TableData& t, NullSemantics nulls) {
  std::vector<FunctionalDependency> out;
  int n = t.num_columns();
  for (int a = 0; a < n; ++a)
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (mask & (1u << a)) continue;
      AttributeSet lhs;
      for (int b = 0; b < n; ++b)
        if (mask & (1u << b)) lhs.Set(b);
      if (!Holds(t, lhs, a, nulls)) continue;
      bool minimal = true;
      for (int b : lhs.Members()) {
        AttributeSet smaller = lhs;
        smaller.Reset(b);
        if (Holds(t, smaller, a, nulls)) minimal = false;
      }
      if (minimal) out.push_back({lhs, a});
    }
  std::sort(out.begin(), out.end(), [](const FunctionalDependency& x, const FunctionalDependency& y) {
    if (x.lhs != y.lhs) return x.lhs < y.lhs;
    return x.rhs < y.rhs;
  });
  return out;
}

std::string Show(const std::vector<FunctionalDependency>& fds) {
  std::string s;
  for (const auto& fd : fds) {
    s += "{";
    for (int a : fd.lhs.Members()) s += std::to_string(a) + " ";
    s += "}->" + std::to_string(fd.rhs) + " ";
  }
  return s;
}

TEST(FdDiscovery, ZipDeterminesCity) {
  auto t = Table({"id", "zip", "city"}, {{"1", "75001", "Paris"}, {"2", "75001", "Paris"}, {"3", "69001", "Lyon"},
                                         {"4", "69002", "Lyon"}});
  // id → zip, id → city (id is a key), zip → city.
  auto fds = Discover(t);
  EXPECT_EQ(Show(fds), "{0 }->1 {0 }->2 {1 }->2 ");
}

TEST(FdDiscovery, EdgeCases) {
  // No rows and one row: every column is constant, ∅ → A for all A.
  EXPECT_EQ(Show(Discover(Table({"a", "b"}, {}))), "{}->0 {}->1 ");
  EXPECT_EQ(Show(Discover(Table({"a", "b"}, {{"1", "2"}}))), "{}->0 {}->1 ");
  // One column: only ∅ → a when constant, nothing otherwise.
  EXPECT_EQ(Show(Discover(Table({"a"}, {{"1"}, {"1"}}))), "{}->0 ");
  EXPECT_EQ(Show(Discover(Table({"a"}, {{"1"}, {"2"}}))), "");
  // Duplicate rows do not break anything.
  EXPECT_EQ(Show(Discover(Table({"a", "b"}, {{"1", "x"}, {"1", "x"}, {"2", "y"}}))), "{0 }->1 {1 }->0 ");
}

TEST(FdDiscovery, NullSemanticsAreSwitchable) {
  auto t = Table({"a", "b"}, {{"", "1"}, {"", "2"}, {"3", "3"}});
  // NULL = NULL: the two NULL rows agree on a and differ on b, so a ↛ b; b → a holds.
  EXPECT_EQ(Show(Discover(t)), "{1 }->0 ");
  // NULL ≠ NULL: no two rows agree on a, so a → b holds too.
  EXPECT_EQ(Show(Discover(t, NullSemantics::kNullNotEqualsNull)), "{0 }->1 {1 }->0 ");
}

TEST(FdDiscovery, MatchesBruteForceOnRandomTables) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    int n = 1 + static_cast<int>(rng() % 6);
    int rows = static_cast<int>(rng() % 25);
    std::vector<int> domain(n);
    for (auto& d : domain) d = 1 + static_cast<int>(rng() % 5);
    std::vector<std::string> cols;
    for (int c = 0; c < n; ++c) cols.push_back("c" + std::to_string(c));
    std::vector<std::vector<std::string>> data;
    for (int r = 0; r < rows; ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < n; ++c) {
        int v = static_cast<int>(rng() % domain[c]);
        row.push_back(v == 0 && c % 2 == 1 ? "" : std::to_string(v));
      }
      data.push_back(row);
    }
    auto t = Table(cols, data);
    for (auto nulls : {NullSemantics::kNullEqualsNull, NullSemantics::kNullNotEqualsNull})
      for (int threads : {1, 2})
        ASSERT_EQ(Show(Discover(t, nulls, threads)), Show(BruteForce(t, nulls)))
            << "round " << round << " nulls " << static_cast<int>(nulls) << " threads " << threads;
  }
}

TEST(FdDiscovery, MaxLhsLimitIsReported) {
  // c depends on (a, b) only.
  auto t = Table({"a", "b", "c"}, {{"1", "1", "x"}, {"1", "2", "y"}, {"2", "1", "y"}, {"2", "2", "x"}});
  FdOptions options;
  options.max_lhs = 1;
  auto r = DiscoverFds(CompressedRelation::Build(t, NullSemantics::kNullEqualsNull), options);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.complete_up_to_lhs, 1);
  EXPECT_NE(r.limit_message.find("limited to 1 column"), std::string::npos) << r.limit_message;
  EXPECT_EQ(Show(r.fds), "");
  options.max_lhs = 2;
  r = DiscoverFds(CompressedRelation::Build(t, NullSemantics::kNullEqualsNull), options);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.fds.size(), 3u);  // ab → c, ac → b, bc → a
}

TEST(FdDiscovery, TimeBudgetIsReportedWithWhatIsComplete) {
  auto csv = sources::ReadCsvFile(DBARCH_SHARED_DIR "/fd-datasets/hepatitis.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  TableData t;
  t.columns = csv->columns;
  t.rows = csv->rows;
  FdOptions options;
  options.time_budget_s = 1e-9;  // spent before the first level is validated
  auto r = DiscoverFds(CompressedRelation::Build(t, NullSemantics::kNullEqualsNull), options);
  EXPECT_FALSE(r.complete);
  EXPECT_NE(r.limit_message.find("time budget"), std::string::npos) << r.limit_message;
  EXPECT_LT(r.fds.size(), 8250u);
}

// The benchmark datasets of Papenbrock et al. (VLDB 2015) with their published counts of minimal FDs.
class FdDatasets : public ::testing::TestWithParam<std::pair<const char*, size_t>> {};

TEST_P(FdDatasets, FindsExactlyThePublishedNumberOfMinimalFds) {
  auto [name, expected] = GetParam();
  std::string path = std::string(DBARCH_SHARED_DIR "/fd-datasets/") + name + ".csv";
  auto csv = sources::ReadCsvFile(path);
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  TableData t;
  t.columns = csv->columns;
  t.rows = csv->rows;
  for (int threads : {1, 2}) {
    auto fds = Discover(t, NullSemantics::kNullEqualsNull, threads);
    EXPECT_EQ(fds.size(), expected) << name << " with " << threads << " thread(s)";
    // Every FD found holds and is minimal (checked directly on the data for the first few hundred).
    for (size_t i = 0; i < fds.size(); i += 1 + fds.size() / 20) {
      ASSERT_TRUE(Holds(t, fds[i].lhs, fds[i].rhs, NullSemantics::kNullEqualsNull));
      for (int b : fds[i].lhs.Members()) {
        AttributeSet smaller = fds[i].lhs;
        smaller.Reset(b);
        ASSERT_FALSE(Holds(t, smaller, fds[i].rhs, NullSemantics::kNullEqualsNull));
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Papenbrock2015, FdDatasets,
                         ::testing::Values(std::pair<const char*, size_t>{"iris", 4}, std::pair{"abalone", 137},
                                           std::pair{"breast-cancer-wisconsin", 46}, std::pair{"bridges", 142},
                                           std::pair{"hepatitis", 8250}),
                         [](const auto& info) {
                           std::string s = info.param.first;
                           std::erase(s, '-');
                           return s;
                         });

}  // namespace
}  // namespace dbarch::analyzers::normalize
