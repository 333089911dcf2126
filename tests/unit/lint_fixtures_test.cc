// Every lint rule's annotated fixture, tests/fixtures/rules/<id>.sql (clang-tidy style):
//
//   -- file: V1__setup.sql         starts a (virtual) migration file; earlier files are earlier migrations, so
//                                  their tables count as existing, in-use tables
//   -- pg-version: 11              (optional, anywhere) the target PostgreSQL version
//   CREATE INDEX … ;
//   -- expect: migration/require-concurrent-index      the statement above must get this rule's finding
//
// Only the fixture's own rule runs. Statements without an `expect` line must get no finding of it.
// tests/fixtures/squawk/<squawk-rule>.sql use the same annotations, naming any dbarch rules (SquawkParityTest).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "analyzers/lint.h"
#include "analyzers/lint/lint_rule.h"

namespace dbarch::analyzers {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(DBARCH_TEST_DATA_DIR) / "fixtures" / "rules";

std::vector<std::string> FixtureIds() {
  std::vector<std::string> ids;
  if (!fs::exists(kRoot)) return ids;
  for (const auto& entry : fs::recursive_directory_iterator(kRoot)) {
    if (entry.path().extension() != ".sql") continue;
    std::string id = fs::relative(entry.path(), kRoot).replace_extension("").string();
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Lints one annotated fixture with `rules` selected (by exact id, so opt-in rules run too) and compares the
// findings with the `-- expect:` annotations as (statement line, rule) pairs. With `only_rule` set every
// annotation must name that rule; otherwise the rules are the ones the annotations name.
void CheckFixture(const fs::path& path, const std::string& name, const std::string& only_rule) {
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  // Virtual files: each keeps the fixture's line numbers (other files' lines are blanked).
  const std::regex file_marker(R"(^--\s*file:\s*(\S+))"), expect_marker(R"(^--\s*expect:\s*(\S+))"),
      version_marker(R"(^--\s*pg-version:\s*(\d+))");
  std::vector<std::pair<std::string, size_t>> starts = {{name + ".sql", 0}};
  LintOptions options;
  if (!only_rule.empty()) options.select = {only_rule};
  std::vector<std::pair<int, std::string>> expects;  // (1-based comment line, rule id)
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_search(lines[i], m, file_marker)) starts.push_back({m[1].str(), i});
    if (std::regex_search(lines[i], m, expect_marker)) {
      expects.push_back({static_cast<int>(i + 1), m[1].str()});
      ASSERT_NE(lint::FindLintRule(m[1].str()), nullptr) << name << ".sql:" << i + 1 << ": unknown rule " << m[1].str();
      if (only_rule.empty()) options.select.insert(m[1].str());
    }
    if (std::regex_search(lines[i], m, version_marker)) options.pg_version = std::stoi(m[1].str());
  }
  std::vector<sql::ParsedFile> files;
  for (size_t f = 0; f < starts.size(); ++f) {
    const size_t end = f + 1 < starts.size() ? starts[f + 1].second : lines.size();
    std::string text;
    for (size_t i = 0; i < lines.size(); ++i) text += (i >= starts[f].second && i < end ? lines[i] : "") + "\n";
    auto parsed = sql::ParseString(starts[f].first, text);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    files.push_back(std::move(parsed).value());
  }
  // Each expectation belongs to the last statement that starts above it.
  std::set<std::pair<int, std::string>> expected;
  for (const auto& [line, rule] : expects) {
    if (!only_rule.empty()) {
      EXPECT_EQ(rule, only_rule) << name << ".sql:" << line << ": an expectation names another rule";
    }
    int statement_line = 0;
    for (const auto& file : files)
      for (const auto& statement : file.statements)
        if (statement.location.line < line) statement_line = std::max(statement_line, statement.location.line);
    expected.insert({statement_line, rule});
  }
  std::set<std::pair<int, std::string>> actual;
  std::map<std::pair<int, std::string>, std::string> messages;
  for (const Finding& finding : LintFiles(files, options)) {
    actual.insert({finding.location.line, finding.rule_id});
    messages[{finding.location.line, finding.rule_id}] = finding.message;
    EXPECT_FALSE(finding.message.empty());
    EXPECT_FALSE(finding.explanation.empty()) << finding.rule_id << ": a finding must say why it matters";
  }
  for (const auto& [line, rule] : expected)
    EXPECT_TRUE(actual.count({line, rule})) << name << ".sql:" << line << ": expected " << rule << ", got none";
  for (const auto& key : actual)
    EXPECT_TRUE(expected.count(key)) << name << ".sql:" << key.first << ": unexpected " << key.second << ": "
                                     << messages[key];
  EXPECT_FALSE(expected.empty()) << name << ": a fixture needs at least one statement that triggers a rule";
}

class LintFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LintFixtureTest, FindingsMatchTheAnnotations) {
  const std::string id = GetParam();
  ASSERT_NE(lint::FindLintRule(id), nullptr) << "fixture for unknown rule " << id;
  CheckFixture(kRoot / (id + ".sql"), id, id);
}

INSTANTIATE_TEST_SUITE_P(Rules, LintFixtureTest, ::testing::ValuesIn(FixtureIds()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// squawk's documented examples (tests/fixtures/squawk/<squawk rule>.sql), each unsafe statement annotated with
// the dbarch rule that must flag it; the safe ("use") statements must not get a finding of those rules.
const fs::path kSquawkRoot = fs::path(DBARCH_TEST_DATA_DIR) / "fixtures" / "squawk";

std::vector<std::string> SquawkFixtures() {
  std::vector<std::string> names;
  if (!fs::exists(kSquawkRoot)) return names;
  for (const auto& entry : fs::directory_iterator(kSquawkRoot))
    if (entry.path().extension() == ".sql") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class SquawkParityTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SquawkParityTest, DbarchFlagsEveryUnsafeExample) {
  CheckFixture(kSquawkRoot / (GetParam() + ".sql"), GetParam(), "");
}

INSTANTIATE_TEST_SUITE_P(Squawk, SquawkParityTest, ::testing::ValuesIn(SquawkFixtures()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(LintRulesTest, EveryRuleHasAFixtureAndADocPage) {
  for (const lint::LintRule* rule : lint::AllLintRules()) {
    const std::string id(rule->id);
    EXPECT_TRUE(fs::exists(kRoot / (id + ".sql"))) << id << " has no fixture";
    EXPECT_TRUE(fs::exists(fs::path(DBARCH_SOURCE_DIR) / "docs" / "rules" / (id + ".md"))) << id << " has no doc page";
  }
}

TEST(LintSuppressionTest, CommentsSilenceAStatementOrTheFile) {
  auto lint = [](const std::string& text) {
    auto setup = sql::ParseString("V1.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a int);");
    auto parsed = sql::ParseString("V2.sql", text);
    LintOptions options;
    options.select = {"migration/require-concurrent-index", "migration/require-lock-timeout"};
    return LintFiles({*setup, *parsed}, options).size();
  };
  EXPECT_EQ(lint("CREATE INDEX ON t (a);"), 2u);  // require-concurrent-index + require-lock-timeout
  EXPECT_EQ(lint("-- dbarch: ignore[migration/require-concurrent-index]\nCREATE INDEX ON t (a);"), 1u);
  EXPECT_EQ(lint("-- dbarch: ignore\nCREATE INDEX ON t (a);"), 0u);
  EXPECT_EQ(lint("-- dbarch: ignore-file[migration/require-lock-timeout]\nCREATE INDEX ON t (a);"), 1u);
  EXPECT_EQ(lint("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY ON t (a);"), 0u);
}

// Rules that need no schema run on the parse workers and the others beside the replay; the findings at one
// statement must still come in the rules' registry order, as if one thread had run every rule in turn.
TEST(LintOrderTest, FindingsAtOneStatementFollowTheRuleRegistry) {
  auto setup = sql::ParseString("V1.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a text);\nCREATE INDEX ON t (a);");
  auto query = sql::ParseString("V2.sql", "SELECT * FROM t WHERE lower(a) = 'x' ORDER BY random();");
  ASSERT_TRUE(setup.ok() && query.ok());
  const Findings findings = LintFiles({*setup, *query}, LintOptions{});
  std::map<std::string, size_t> position;
  std::map<std::string, bool> statement_only;
  for (const lint::LintRule* rule : lint::AllLintRules()) {
    position.emplace(rule->id, position.size());
    statement_only[std::string(rule->id)] = rule->check.statement_only != nullptr;
  }
  std::vector<std::string> at_query;
  for (const Finding& f : findings)
    if (f.location.file == "V2.sql") at_query.push_back(f.rule_id);
  // Both kinds of rule are among them, or the test would prove nothing.
  ASSERT_TRUE(std::count(at_query.begin(), at_query.end(), "query/select-star"));
  ASSERT_TRUE(std::count(at_query.begin(), at_query.end(), "query/non-sargable-predicate"));
  ASSERT_TRUE(statement_only["query/select-star"]);
  ASSERT_FALSE(statement_only["query/non-sargable-predicate"]);
  for (size_t i = 1; i < at_query.size(); ++i)
    EXPECT_LT(position[at_query[i - 1]], position[at_query[i]]) << at_query[i - 1] << " before " << at_query[i];
}

// Prepare is the part of linting a file that may run on another thread: linting with what it returned gives
// the same findings as linting the file directly.
TEST(LintOrderTest, PreparedOnAnotherThreadLintsTheSame) {
  auto setup = sql::ParseString("V1.sql", "CREATE TABLE t (id int PRIMARY KEY, a text);");
  auto change = sql::ParseString("V2.sql",
                                 "BEGIN;\nCREATE INDEX CONCURRENTLY ON t (a);\nSELECT * FROM t WHERE a = NULL;\n"
                                 "-- dbarch: ignore[query/select-star]\nSELECT * FROM t OFFSET 100000;\nCOMMIT;");
  ASSERT_TRUE(setup.ok() && change.ok());
  const Findings direct = LintFiles({*setup, *change}, LintOptions{});
  Linter linter(LintOptions{});
  PreparedLint prepared_setup, prepared_change;
  std::thread worker([&] {
    prepared_setup = linter.Prepare(*setup);
    prepared_change = linter.Prepare(*change);
  });
  worker.join();
  linter.Lint(*setup, std::move(prepared_setup));
  linter.Lint(*change, std::move(prepared_change));
  const Findings ahead = linter.Finish();
  ASSERT_EQ(direct.size(), ahead.size());
  ASSERT_GT(direct.size(), 3u);
  for (size_t i = 0; i < direct.size(); ++i) {
    EXPECT_EQ(direct[i].rule_id, ahead[i].rule_id);
    EXPECT_EQ(direct[i].location.line, ahead[i].location.line);
  }
  // The suppression comment above line 5 came through Prepare too.
  auto select_star_at = [&](int line) {
    return std::count_if(ahead.begin(), ahead.end(), [&](const Finding& f) {
      return f.rule_id == "query/select-star" && f.location.line == line;
    });
  };
  EXPECT_EQ(select_star_at(3), 1);
  EXPECT_EQ(select_star_at(5), 0);
}

}  // namespace
}  // namespace dbarch::analyzers
