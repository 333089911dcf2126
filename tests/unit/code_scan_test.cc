// The application-code scan against the annotated fixtures in tests/cases_code_scan (see its README): every
// `expect:` line must be met by exactly the finding on the next code line, and no other line may have one.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "analyzers/security/code_scan.h"

namespace dbarch::analyzers::security {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = fs::path(DBARCH_TEST_DATA_DIR) / "cases_code_scan";

struct Expectation {
  int annotation_line = 0;
  std::string construction, parameterized, note, via;
  bool matched = false;
};

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// `# expect: …` / `// expect: …` annotations, keyed by the line of code they announce.
std::map<int, Expectation> ReadExpectations(const std::string& text) {
  std::map<int, Expectation> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::optional<Expectation> pending;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    std::string body;
    if (t.rfind("# ", 0) == 0) body = t.substr(2);
    if (t.rfind("// ", 0) == 0) body = t.substr(3);
    if (body.rfind("expect: ", 0) == 0) {
      std::string rest = body.substr(8);
      std::size_t arrow = rest.find(" => ");
      pending = Expectation{number, rest.substr(0, arrow), arrow == std::string::npos ? "" : rest.substr(arrow + 4), "", "", false};
      continue;
    }
    if (pending && body.rfind("expect-note: ", 0) == 0) {
      pending->note = body.substr(13);
      continue;
    }
    if (pending && body.rfind("expect-via: ", 0) == 0) {
      pending->via = body.substr(12);
      continue;
    }
    if (pending && !t.empty()) {
      out[number] = *pending;
      pending.reset();
    }
  }
  return out;
}

class CodeScanFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CodeScanFixture, FindingsMatchAnnotations) {
  const fs::path path = kRoot / GetParam();
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string language = LanguageOfFile(path.string());
  ASSERT_FALSE(language.empty()) << path;
  auto expectations = ReadExpectations(buffer.str());
  for (const auto& finding : ScanSource(path.filename().string(), buffer.str(), language)) {
    const std::string actual = "expect: " + finding.construction + " => " + finding.parameterized;
    auto it = expectations.find(finding.location.line);
    if (it == expectations.end()) {
      ADD_FAILURE() << path.filename().string() << ":" << finding.location.line << ": unexpected finding\n  " << actual
                    << "\n  call: " << finding.snippet << "\n  note: " << finding.note;
      continue;
    }
    Expectation& e = it->second;
    e.matched = true;
    EXPECT_EQ(finding.construction + " => " + finding.parameterized, e.construction + " => " + e.parameterized)
        << path.filename().string() << ":" << finding.location.line;
    EXPECT_TRUE(finding.sql_parses) << path.filename().string() << ":" << finding.location.line << ": "
                                    << finding.parse_error;
    if (!e.note.empty()) {
      EXPECT_NE(finding.note.find(e.note), std::string::npos)
          << path.filename().string() << ":" << finding.location.line << ": note is \"" << finding.note << "\"";
    }
    if (!e.via.empty()) {
      EXPECT_EQ(finding.via_variable, e.via) << path.filename().string() << ":" << finding.location.line;
    }
    EXPECT_FALSE(finding.interpolated.empty());
    EXPECT_EQ(finding.language, language);
  }
  for (const auto& [line, e] : expectations) {
    EXPECT_TRUE(e.matched) << path.filename().string() << ":" << e.annotation_line << ": no finding on line " << line
                           << " (expected " << e.construction << ")";
  }
}

std::vector<std::string> Fixtures() {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(kRoot)) {
    if (entry.is_regular_file() && !LanguageOfFile(entry.path().string()).empty()) {
      out.push_back(fs::relative(entry.path(), kRoot).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CodeScanFixture, ::testing::ValuesIn(Fixtures()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(CodeScan, EveryLanguageHasFlaggedAndCleanFixtures) {
  for (const char* language : {"python", "javascript", "typescript", "go", "java", "ruby", "php"}) {
    int flagged = 0, clean = 0;
    for (const auto& entry : fs::directory_iterator(kRoot / language)) {
      std::ifstream in(entry.path());
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::size_t expectations = ReadExpectations(buffer.str()).size();
      (expectations == 0 ? clean : flagged) += 1;
      if (expectations > 0) {
        EXPECT_GE(expectations, 4u) << entry.path();
      }
    }
    EXPECT_GE(flagged, 1) << language;
    EXPECT_GE(clean, 1) << language;
  }
}

TEST(CodeScan, WalksDirectoriesSkipsExcludedOnesAndReportsLargeFiles) {
  const fs::path dir = fs::temp_directory_path() / ("dbarch_code_scan_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "app");
  fs::create_directories(dir / "node_modules" / "pg");
  const std::string code = "def f(c, x):\n    c.execute(\"SELECT * FROM t WHERE a = \" + x)\n";
  std::ofstream(dir / "app" / "repo.py") << code;
  std::ofstream(dir / "node_modules" / "pg" / "index.js") << "client.query('SELECT * FROM t WHERE a = ' + x)\n";
  std::ofstream(dir / "app" / "big.py") << std::string(300, '#') << "\n" << code;
  std::ofstream(dir / "notes.txt") << code;
  CodeScanOptions options;
  options.max_file_bytes = 200;
  CodeScanResult result = ScanApplicationCode({dir.string()}, options);
  EXPECT_EQ(result.files_scanned, 1u);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].location.line, 2);
  EXPECT_EQ(result.findings[0].location.column, 5);
  EXPECT_EQ(result.findings[0].call, "c.execute");
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_NE(result.notes[0].find("big.py"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dbarch::analyzers::security
