// The log reader's pieces (log_line_prefix matching and detection, message assembly, compressed input) and
// the analysis's guarantees: results independent of chunking and threads, quantiles within 1%, one group
// per fingerprint whatever the literals.
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzers/logs/duration_sketch.h"
#include "analyzers/logs/log_aggregate.h"
#include "analyzers/logs/log_analysis.h"
#include "report/log_text.h"
#include "sources/logs/log_input.h"
#include "sources/logs/log_line_prefix.h"
#include "sources/logs/stderr_parser.h"

namespace dbarch {
namespace {

using sources::logs::LogLinePrefix;
using sources::logs::LogRecord;

std::string CaseFile(const std::string& relative) { return std::string(DBARCH_TEST_DATA_DIR) + "/cases/logs/" + relative; }

std::string TempPath(const std::string& name) {
  return "/tmp/dbarch-log-test-" + std::to_string(getpid()) + "-" + name;
}

TEST(LogLinePrefixTest, ReadsPgBadgerStylePrefix) {
  auto prefix = LogLinePrefix::Compile("%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ");
  ASSERT_TRUE(prefix.ok());
  LogRecord record;
  const std::string line =
      "2026-11-28 01:41:38 UTC [11402]: [3-1] user=postgres,db=shop,app=my app, v2,client=[local] LOG:  duration: 1.0 ms";
  auto offset = prefix->Match(line, &record);
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(record.timestamp, "2026-11-28 01:41:38 UTC");
  EXPECT_EQ(record.pid, 11402);
  EXPECT_EQ(record.user, "postgres");
  EXPECT_EQ(record.database, "shop");
  EXPECT_EQ(record.application, "my app, v2");
  EXPECT_EQ(record.host, "[local]");
  EXPECT_EQ(record.severity, "LOG");
  EXPECT_EQ(line.substr(*offset), "duration: 1.0 ms");
}

TEST(LogLinePrefixTest, PercentQEndsThePrefixOfBackgroundProcesses) {
  auto prefix = LogLinePrefix::Compile("%m [%p] %q%u@%d ");
  ASSERT_TRUE(prefix.ok());
  LogRecord background, client;
  EXPECT_TRUE(prefix->Match("2026-11-28 01:41:37.915 UTC [11391] LOG:  checkpoint starting: time", &background));
  EXPECT_TRUE(prefix->Match("2026-11-28 01:41:37.915 UTC [11402] app@shop ERROR:  division by zero", &client));
  EXPECT_EQ(client.user, "app");
  EXPECT_EQ(client.database, "shop");
  EXPECT_FALSE(prefix->Match("2026-11-28 01:41:37.915 UTC [11402] no severity here", &client));
}

TEST(LogLinePrefixTest, DetectsTheConfiguredPrefix) {
  const std::vector<std::string_view> debian = {
      "2026-11-28 01:41:37.915 UTC [11391] LOG:  starting PostgreSQL 15.20",
      "2026-11-28 01:41:38.490 UTC [11402] postgres@postgres LOG:  duration: 0.5 ms  statement: SELECT 1",
      "\tcontinued",
  };
  auto detected = sources::logs::DetectLogLinePrefix(debian);
  ASSERT_TRUE(detected.has_value());
  EXPECT_EQ(detected->text(), "%m [%p] %q%u@%d ");
  EXPECT_FALSE(sources::logs::DetectLogLinePrefix({"not a log line", "neither"}).has_value());
}

TEST(StderrParserTest, JoinsContinuationAndSecondaryLines) {
  auto prefix = LogLinePrefix::Compile("%m [%p] ");
  ASSERT_TRUE(prefix.ok());
  const std::string log =
      "2026-11-28 01:41:47.354 UTC [11440] LOG:  duration: 213.2 ms  statement: SELECT bid,\n"
      "\t       count(*)\n"
      "\t  FROM t\n"
      "2026-11-28 01:41:47.747 UTC [11457] ERROR:  division by zero\n"
      "2026-11-28 01:41:47.747 UTC [11457] STATEMENT:  SELECT 1/0\n"
      "garbage\n";
  std::vector<std::string> messages, statements;
  std::vector<int64_t> malformed;
  sources::logs::ParseStderrLog(
      log, 10, *prefix,
      [&](const LogRecord& r) {
        messages.emplace_back(r.message);
        statements.emplace_back(r.statement);
      },
      [&](const sources::logs::MalformedLine& m) { malformed.push_back(m.line); });
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "duration: 213.2 ms  statement: SELECT bid,\n       count(*)\n  FROM t");
  EXPECT_EQ(statements[1], "SELECT 1/0");
  EXPECT_EQ(malformed, std::vector<int64_t>{15});
}

TEST(DurationSketchTest, QuantilesWithinOnePercent) {
  std::mt19937 random(7);
  std::lognormal_distribution<double> durations(0.0, 2.0);
  std::vector<double> values;
  analyzers::logs::DurationSketch a, b;
  for (int i = 0; i < 20000; ++i) {
    const double ms = durations(random);
    values.push_back(ms);
    (i % 2 ? a : b).Add(ms);
  }
  a.Merge(b);
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.95, 0.99}) {
    const double exact = values[static_cast<size_t>(std::ceil(q * values.size())) - 1];
    EXPECT_NEAR(a.Quantile(q), exact, exact * 0.0101) << q;
  }
}

TEST(StatementShapeTest, LiteralsAndBlanksDoNotChangeTheShape) {
  using analyzers::logs::StatementShapeHash;
  EXPECT_EQ(StatementShapeHash("SELECT * FROM t WHERE a = 1 AND b = 'x'"),
            StatementShapeHash("SELECT *  FROM t\nWHERE a = 42 AND b = 'it''s'"));
  EXPECT_NE(StatementShapeHash("SELECT a1 FROM t"), StatementShapeHash("SELECT a2 FROM t"));
  EXPECT_NE(StatementShapeHash("SELECT $1 FROM t"), StatementShapeHash("SELECT $2 FROM t"));
  EXPECT_NE(StatementShapeHash("SELECT \"col 1\" FROM t"), StatementShapeHash("SELECT \"col 2\" FROM t"));
}

// Cutting the log into many small chunks parsed by several threads gives the same result as one thread.
TEST(LogAnalysisTest, ResultDoesNotDependOnChunksOrThreads) {
  const std::vector<std::string> files = {CaseFile("stderr_default/postgresql.log")};
  analyzers::logs::LogAnalysisOptions one;
  one.jobs = 1;
  auto single = analyzers::logs::AnalyzeLogs(files, one);
  ASSERT_TRUE(single.ok()) << single.status().ToString();
  analyzers::logs::LogAnalysisOptions many;
  many.jobs = 3;
  many.chunk_bytes = 2048;
  auto parallel = analyzers::logs::AnalyzeLogs(files, many);
  ASSERT_TRUE(parallel.ok()) << parallel.status().ToString();
  EXPECT_GT(single->query_count, 0);
  EXPECT_EQ(report::LogSummaryText(*single, 0), report::LogSummaryText(*parallel, 0));
  EXPECT_EQ(report::LogSummaryJson(*single, 0).dump(1), report::LogSummaryJson(*parallel, 0).dump(1));
}

TEST(LogInputTest, ReadsGzipWithSeveralMembersAndZstd) {
  const std::string text = "first line\nsecond line\n";
  const std::string gz_path = TempPath("members.gz");
  for (const char* part : {"first line\n", "second line\n"}) {
    gzFile out = gzopen(gz_path.c_str(), std::string(part) == "first line\n" ? "wb" : "ab");
    gzwrite(out, part, static_cast<unsigned>(std::strlen(part)));
    gzclose(out);
  }
  const std::string zst_path = TempPath("text.zst");
  std::string compressed(ZSTD_compressBound(text.size()), '\0');
  compressed.resize(ZSTD_compress(compressed.data(), compressed.size(), text.data(), text.size(), 3));
  std::ofstream(zst_path, std::ios::binary) << compressed;
  for (const std::string& path : {gz_path, zst_path}) {
    auto input = sources::logs::OpenLogInput(path);
    ASSERT_TRUE(input.ok());
    std::string read;
    char buffer[7];
    while (true) {
      auto got = (*input)->Read(buffer, sizeof buffer);
      ASSERT_TRUE(got.ok());
      if (*got == 0) break;
      read.append(buffer, *got);
    }
    EXPECT_EQ(read, text) << path;
    EXPECT_FALSE((*input)->truncated());
    std::remove(path.c_str());
  }
}

}  // namespace
}  // namespace dbarch
