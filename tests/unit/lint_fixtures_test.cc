// Every lint rule's annotated fixture, tests/fixtures/rules/<id>.sql (clang-tidy style):
//
//   -- file: V1__setup.sql         starts a (virtual) migration file; earlier files are earlier migrations, so
//                                  their tables count as existing, in-use tables
//   -- pg-version: 11              (optional, anywhere) the target PostgreSQL version
//   CREATE INDEX … ;
//   -- expect: migration/require-concurrent-index      the statement above must get this rule's finding
//
// Only the fixture's own rule runs. Statements without an `expect` line must get no finding of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

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

class LintFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LintFixtureTest, FindingsMatchTheAnnotations) {
  const std::string id = GetParam();
  ASSERT_NE(lint::FindLintRule(id), nullptr) << "fixture for unknown rule " << id;
  std::ifstream in(kRoot / (id + ".sql"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  // Virtual files: each keeps the fixture's line numbers (other files' lines are blanked).
  const std::regex file_marker(R"(^--\s*file:\s*(\S+))"), expect_marker(R"(^--\s*expect:\s*(\S+))"),
      version_marker(R"(^--\s*pg-version:\s*(\d+))");
  std::vector<std::pair<std::string, size_t>> starts = {{id + ".sql", 0}};
  LintOptions options;
  options.select = {id};
  std::vector<std::pair<int, std::string>> expects;  // (1-based comment line, rule id)
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_search(lines[i], m, file_marker)) starts.push_back({m[1].str(), i});
    if (std::regex_search(lines[i], m, expect_marker)) expects.push_back({static_cast<int>(i + 1), m[1].str()});
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
  std::multiset<int> expected_lines;
  for (const auto& [line, rule] : expects) {
    EXPECT_EQ(rule, id) << id << ".sql:" << line << ": an expectation names another rule";
    int statement_line = 0;
    for (const auto& file : files)
      for (const auto& statement : file.statements)
        if (statement.location.line < line) statement_line = std::max(statement_line, statement.location.line);
    expected_lines.insert(statement_line);
  }
  std::multiset<int> actual_lines;
  std::map<int, std::string> messages;
  for (const Finding& finding : LintFiles(files, options)) {
    actual_lines.insert(finding.location.line);
    messages[finding.location.line] = finding.message;
    EXPECT_FALSE(finding.message.empty());
    EXPECT_FALSE(finding.explanation.empty()) << id << ": a finding must say why it matters";
  }
  for (int line : expected_lines)
    EXPECT_TRUE(actual_lines.count(line)) << id << ".sql:" << line << ": expected a finding, got none";
  for (int line : actual_lines)
    EXPECT_TRUE(expected_lines.count(line)) << id << ".sql:" << line << ": unexpected finding: " << messages[line];
  EXPECT_FALSE(expected_lines.empty()) << id << ": a fixture needs at least one statement that triggers the rule";
}

INSTANTIATE_TEST_SUITE_P(Rules, LintFixtureTest, ::testing::ValuesIn(FixtureIds()),
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
    options.select = {"migration/"};
    return LintFiles({*setup, *parsed}, options).size();
  };
  EXPECT_EQ(lint("CREATE INDEX ON t (a);"), 2u);  // require-concurrent-index + require-lock-timeout
  EXPECT_EQ(lint("-- dbarch: ignore[migration/require-concurrent-index]\nCREATE INDEX ON t (a);"), 1u);
  EXPECT_EQ(lint("-- dbarch: ignore\nCREATE INDEX ON t (a);"), 0u);
  EXPECT_EQ(lint("-- dbarch: ignore-file[migration/require-lock-timeout]\nCREATE INDEX ON t (a);"), 1u);
  EXPECT_EQ(lint("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY ON t (a);"), 0u);
}

}  // namespace
}  // namespace dbarch::analyzers
