#include "report/findings_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace dbarch::report {
namespace {

Findings Synthetic(std::size_t n) {
  Findings out;
  for (std::size_t i = 0; i < n; ++i) {
    Finding f;
    f.rule_id = i % 3 ? "migration/require-statement-timeout" : "query/select-star";
    f.severity = i % 2 ? Severity::kWarning : Severity::kInfo;
    f.location.file = "V" + std::to_string(i / 100) + "__m.sql";
    f.location.line = static_cast<int>(i % 100) + 1;
    f.location.column = 1;
    f.message = "finding " + std::to_string(i) + " with \"quotes\", a\ttab and a \\ backslash";
    f.explanation = i % 3 ? "Explanation A:\nwhy it matters." : "Explanation \"B\".";
    if (i % 5 == 0) f.fix_sql = "SET statement_timeout = '5s';";
    if (i % 7 == 0) f.object = "public.t" + std::to_string(i);
    out.push_back(std::move(f));
  }
  return out;
}

std::string Concatenated(FindingsJson& json, std::size_t* pieces = nullptr) {
  std::string out;
  std::size_t count = 0;
  while (auto piece = json.Next()) {
    out += *piece;
    ++count;
  }
  if (pieces) *pieces = count;
  return out;
}

// The layout nlohmann's dump(2) gives, with the keys in alphabetical order and optional keys left out.
nlohmann::json Expected(const Findings& findings) {
  nlohmann::json array = nlohmann::json::array();
  for (const Finding& f : findings) {
    nlohmann::json o = {{"column", f.location.column}, {"explanation", f.explanation}, {"file", f.location.file},
                        {"line", f.location.line},     {"message", f.message},         {"rule", f.rule_id},
                        {"severity", std::string(SeverityName(f.severity))}};
    if (!f.fix_sql.empty()) o["fix"] = f.fix_sql;
    if (!f.object.empty()) o["object"] = f.object;
    array.push_back(std::move(o));
  }
  return array;
}

TEST(FindingsJsonTest, ChunksRenderedOnTwoThreadsJoinIntoDumpsLayout) {
  const Findings findings = Synthetic(1003);
  // 7 findings a chunk: 144 chunks, so the helper's two buffers are reused many times over.
  FindingsJson json(findings, 7);
  std::size_t pieces = 0;
  const std::string text = Concatenated(json, &pieces);
  EXPECT_EQ(pieces, 144u + 2u);
  EXPECT_EQ(text, Expected(findings).dump(2) + "\n");
  EXPECT_FALSE(json.Next());  // stays finished
}

TEST(FindingsJsonTest, ChunkSizeDoesNotChangeTheText) {
  const Findings findings = Synthetic(50);
  const std::string whole = FindingsJsonText(findings);
  for (std::size_t per_chunk : {1u, 2u, 3u, 49u, 50u, 51u}) {
    FindingsJson json(findings, per_chunk);
    EXPECT_EQ(Concatenated(json), whole) << per_chunk << " findings a chunk";
  }
}

TEST(FindingsJsonTest, EmptyIsAnEmptyArray) {
  EXPECT_EQ(FindingsJsonText({}), "[]\n");
}

TEST(FindingsJsonTest, AbandonedHalfWayStopsItsHelper) {
  const Findings findings = Synthetic(100);
  FindingsJson json(findings, 3);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(json.Next());
  // Destroyed here while the helper waits for a buffer: the destructor must not hang.
}

}  // namespace
}  // namespace dbarch::report
