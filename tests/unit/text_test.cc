#include "common/text.h"

#include <gtest/gtest.h>

namespace dbarch {
namespace {

TEST(ContainsIgnoringAsciiCaseTest, FindsTheWordInAnyCaseAnywhere) {
  EXPECT_TRUE(ContainsIgnoringAsciiCase("COPY t FROM STDIN;", "stdin"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("copy t from stdin", "stdin"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("sTdIn", "stdin"));            // the whole text
  EXPECT_TRUE(ContainsIgnoringAsciiCase("x iLiKe y", "like"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("sssstdin", "stdin"));         // after false starts of both cases
  EXPECT_TRUE(ContainsIgnoringAsciiCase("SsStDiN", "stdin"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("U&\"\\0073plit\"", "u&"));    // non-letters compare as they are
  EXPECT_TRUE(ContainsIgnoringAsciiCase("anything", ""));
}

TEST(ContainsIgnoringAsciiCaseTest, RejectsNearMisses) {
  EXPECT_FALSE(ContainsIgnoringAsciiCase("stdi", "stdin"));              // shorter than the word
  EXPECT_FALSE(ContainsIgnoringAsciiCase("std in", "stdin"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("STDI", "stdin"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("", "like"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("lik", "like"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("l\xC3\xAFke", "like"));        // only ASCII letters fold
}

}  // namespace
}  // namespace dbarch
