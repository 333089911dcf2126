// The keyset rewrite's application change reaches every rendering: the cursor parameters the caller passes
// instead of a page number, the index that would serve it, and a verification compared in row order.
#include "report/rewrite_text.h"

#include <gtest/gtest.h>

namespace dbarch::report {
namespace {

analyzers::QueryRewrite KeysetRewrite() {
  analyzers::QueryRewrite r;
  r.fingerprint = "f1";
  r.rule_id = "rewrite/offset-to-keyset";
  r.title = "OFFSET pagination → keyset pagination";
  r.original_sql = "SELECT id FROM t ORDER BY a, id LIMIT 10 OFFSET $1";
  r.rewritten_sql = "SELECT id FROM t WHERE (a, id) > ($1, $2) ORDER BY a, id LIMIT 10";
  r.why = "why";
  analyzers::KeysetPaging paging;
  paging.cursor_parameters = {{1, "a"}, {2, "id"}};
  paging.offset_parameter = 1;
  paging.suggested_index = "CREATE INDEX ON public.t (a, id);";
  r.keyset = paging;
  return r;
}

verify::RewriteCheck InOrderCheck() {
  verify::RewriteCheck c;
  c.fingerprint = "f1";
  c.rule_id = "rewrite/offset-to-keyset";
  c.ran = true;
  c.same_rows = true;
  c.in_order = true;
  c.samples = 3;
  c.rows = 10;
  c.offset = 9000;
  c.verdict = verify::RewriteCheck::Verdict::kFaster;
  return c;
}

TEST(RewriteText, KeysetCursorParametersAndIndexInEveryFormat) {
  const std::vector<analyzers::QueryRewrite> rewrites = {KeysetRewrite()};
  const std::vector<verify::RewriteCheck> checks = {InOrderCheck()};
  const auto entries = PairRewrites(rewrites, checks, model::Workload{});
  const std::string text = RewritesText(entries, "");
  EXPECT_NE(text.find("cursor: $1 = a, $2 = id (from the last row of the previous page)"), std::string::npos) << text;
  EXPECT_NE(text.find("CREATE INDEX ON public.t (a, id);"), std::string::npos) << text;
  EXPECT_NE(text.find("same rows in the same order on 3 parameter samples (10 rows with the first, at OFFSET 9000)"),
            std::string::npos)
      << text;
  const std::string markdown = RewritesMarkdown(entries, "");
  EXPECT_NE(markdown.find("`$1 = a, $2 = id`"), std::string::npos) << markdown;
  const std::string html = RewritesHtml(entries, "");
  EXPECT_NE(html.find("<code>$1 = a, $2 = id</code>"), std::string::npos) << html;
  const nlohmann::json json = RewritesJson(entries);
  ASSERT_EQ(json.size(), 1u);
  ASSERT_EQ(json[0]["cursor_parameters"].size(), 2u);
  EXPECT_EQ(json[0]["cursor_parameters"][1]["parameter"], 2);
  EXPECT_EQ(json[0]["cursor_parameters"][1]["expression"], "id");
  EXPECT_EQ(json[0]["suggested_index"], "CREATE INDEX ON public.t (a, id);");
  EXPECT_EQ(json[0]["verification"]["offset"], 9000);
  EXPECT_EQ(json[0]["verification"]["in_order"], true);
}

TEST(RewriteText, OtherRewritesHaveNoCursor) {
  analyzers::QueryRewrite plain = KeysetRewrite();
  plain.rule_id = "rewrite/not-in-to-not-exists";
  plain.keyset.reset();
  const std::vector<analyzers::QueryRewrite> rewrites = {plain};
  const auto entries = PairRewrites(rewrites, {}, model::Workload{});
  EXPECT_EQ(RewritesText(entries, "").find("cursor:"), std::string::npos);
  EXPECT_FALSE(RewritesJson(entries)[0].contains("cursor_parameters"));
}

}  // namespace
}  // namespace dbarch::report
