// dbarch's SARIF checked against the SARIF 2.1.0 JSON schema (tests/data/sarif/, the SARIF SDK's copy) by a real
// validator, python3-jsonschema — the same document GitHub code scanning would ingest. The validator must also
// reject broken documents, so a validator that accepts anything cannot make this test pass.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "analyzers/lint.h"
#include "analyzers/lint/lint_rule.h"
#include "report/sarif.h"
#include "sql/parser.h"

namespace dbarch::report {
namespace {

namespace fs = std::filesystem;

const fs::path kSarifData = fs::path(DBARCH_TEST_DATA_DIR) / "data" / "sarif";

struct Validation {
  int exit_code = -1;
  std::string output;
};

// Runs the validator on `document`; exit 0 = valid, 1 = invalid (errors in output), other = could not run.
Validation Validate(const std::string& document) {
  const fs::path dir = fs::temp_directory_path() / ("dbarch_sarif_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path doc = dir / "doc.sarif", out = dir / "out.txt";
  std::ofstream(doc) << document;
  const std::string command = std::string(DBARCH_JSONSCHEMA_PYTHON) + " " + (kSarifData / "validate_json_schema.py").string() +
                              " " + (kSarifData / "sarif-schema-2.1.0.json").string() + " " + doc.string() + " > " +
                              out.string() + " 2>&1";
  const int status = std::system(command.c_str());
  Validation v;
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(out);
  v.output.assign(std::istreambuf_iterator<char>(in), {});
  fs::remove_all(dir);
  return v;
}

class SarifSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_STRNE(DBARCH_JSONSCHEMA_PYTHON, "")
        << "no python3 with the jsonschema module was found when configuring: install python3-jsonschema "
           "(setup.sh does) and re-run cmake";
  }
};

std::vector<SarifRule> AllRules() {
  std::vector<SarifRule> rules;
  for (const auto* rule : analyzers::lint::AllLintRules())
    rules.push_back({std::string(rule->id), std::string(rule->summary), "docs/rules/" + std::string(rule->id) + ".md",
                     rule->severity});
  return rules;
}

// The shop example's migrations: real findings of many rules, with spans and fix SQL.
std::string ShopSarif() {
  std::vector<sql::ParsedFile> files;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(DBARCH_SOURCE_DIR) / "examples" / "shop" / "migrations"))
    paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end(), [](const fs::path& a, const fs::path& b) {
    auto version = [](const fs::path& p) { return std::stoi(p.filename().string().substr(1)); };
    return version(a) < version(b);
  });
  for (const auto& path : paths) {
    auto parsed = sql::ParseFile(path.string());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (parsed.ok()) files.push_back(std::move(parsed).value());
  }
  const Findings findings = analyzers::LintFiles(files, analyzers::LintOptions{});
  EXPECT_GT(findings.size(), 10u);
  return RenderSarif(findings, AllRules(), "0.0.0-test");
}

TEST_F(SarifSchemaTest, LintFindingsOfTheShopExampleAreValidSarif) {
  const std::string sarif = ShopSarif();
  ASSERT_NE(sarif.find("\"artifactChanges\""), std::string::npos) << "the example should exercise fixes";
  const Validation v = Validate(sarif);
  EXPECT_EQ(v.exit_code, 0) << v.output;
}

TEST_F(SarifSchemaTest, EdgeCasesAreValidSarif) {
  Findings findings;
  Finding no_location;  // a finding on the schema as a whole
  no_location.rule_id = "schema/missing-primary-key";
  no_location.severity = Severity::kInfo;
  no_location.message = "m";
  findings.push_back(no_location);
  Finding point;  // a span-less location (no byte length) with a fix, in a path that needs percent-encoding
  point.rule_id = "migration/set-not-null";
  point.severity = Severity::kError;
  point.location = {"db/V2 add nöt null#1.sql", 3, 5, 0, 0};
  point.message = "m";
  point.fix_sql = "ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;";
  findings.push_back(point);
  Finding unknown_rule = point;  // a rule missing from the rule list gets no ruleIndex
  unknown_rule.rule_id = "migration/not-listed";
  findings.push_back(unknown_rule);
  for (const auto& rules : {AllRules(), std::vector<SarifRule>{}}) {
    const std::string sarif = RenderSarif(findings, rules, "0.0.0-test");
    const Validation v = Validate(sarif);
    EXPECT_EQ(v.exit_code, 0) << v.output << sarif;
    EXPECT_EQ(sarif.find("nö"), std::string::npos) << "the URI must not keep raw non-ASCII bytes";
    EXPECT_NE(sarif.find("db/V2%20add%20n%C3%B6t%20null%231.sql"), std::string::npos) << sarif;
  }
}

TEST(SarifColumns, ByteColumnsBecomeCodePointColumns) {
  // "SELECT 'é', x": x is at byte 14 and code point 13 (é takes two bytes).
  const std::string line = "SELECT 'é', x";
  EXPECT_EQ(CodePointColumn(line, 1), 1);
  EXPECT_EQ(CodePointColumn(line, 9), 9);    // the é itself
  EXPECT_EQ(CodePointColumn(line, 14), 13);  // x
  EXPECT_EQ(CodePointColumn(line, 99), 99);  // past the line: unchanged
  Finding f;
  f.rule_id = "query/select-star";
  f.location = {"q.sql", 2, 14, 0, 0};
  f.message = "m";
  const auto sarif = nlohmann::json::parse(RenderSarif({f}, {}, "0.0.0-test", [&](const std::string& file, int n) {
    return file == "q.sql" && n == 2 ? std::string_view(line) : std::string_view();
  }));
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"], 13);
}

TEST_F(SarifSchemaTest, BrokenDocumentsAreRejected) {
  const nlohmann::json valid = nlohmann::json::parse(ShopSarif());
  ASSERT_EQ(Validate(valid.dump()).exit_code, 0);
  auto expect_rejected = [](const nlohmann::json& doc, const std::string& what, const std::string& error) {
    const Validation v = Validate(doc.dump());
    EXPECT_EQ(v.exit_code, 1) << what << " was accepted: " << v.output;
    EXPECT_NE(v.output.find(error), std::string::npos) << what << ": " << v.output;
  };
  nlohmann::json doc = valid;
  doc.erase("version");
  expect_rejected(doc, "a log without version", "'version' is a required property");
  doc = valid;
  doc["runs"][0]["results"][0]["level"] = "warn";
  expect_rejected(doc, "an unknown level", "'warn' is not one of");
  doc = valid;
  for (auto& result : doc["runs"][0]["results"]) {
    if (result.contains("fixes")) result["fixes"][0].erase("artifactChanges");  // dbarch's output before the fix
  }
  expect_rejected(doc, "a fix without artifactChanges", "'artifactChanges' is a required property");
  doc = valid;
  doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  expect_rejected(doc, "line 0", "is less than the minimum of 1");
  doc = valid;
  doc["runs"][0]["tool"]["driver"]["unexpected"] = true;
  expect_rejected(doc, "an unknown property", "Additional properties are not allowed");
}

}  // namespace
}  // namespace dbarch::report
