// CHECK expressions read into rules the data generator honours by construction; the rest is reported.
#include <gtest/gtest.h>

#include "verify/datagen/check_constraints.h"

namespace dbarch::verify::datagen {
namespace {

CheckInterpretation Interpret(const std::string& expression) {
  auto result = InterpretCheck(expression);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? result.value() : CheckInterpretation{};
}

TEST(DatagenCheckConstraintsTest, ComparisonsWithConstantsOnEitherSide) {
  auto c = Interpret("price > 0 AND 100 >= price AND discount <> -1.5");
  ASSERT_TRUE(c.fully_understood());
  ASSERT_EQ(c.rules.size(), 3u);
  EXPECT_EQ(c.rules[0].column, "price");
  EXPECT_EQ(c.rules[0].op, CompareOp::kGt);
  EXPECT_EQ(c.rules[0].value.text, "0");
  EXPECT_EQ(c.rules[1].op, CompareOp::kLe);  // flipped: price <= 100
  EXPECT_EQ(c.rules[1].value.text, "100");
  EXPECT_EQ(c.rules[2].op, CompareOp::kNe);
  EXPECT_EQ(c.rules[2].value.text, "-1.5");
}

TEST(DatagenCheckConstraintsTest, BetweenAndCastConstants) {
  auto c = Interpret("released BETWEEN '2021-01-01'::date AND '2022-01-01' AND duration > interval '0'");
  ASSERT_TRUE(c.fully_understood());
  ASSERT_EQ(c.rules.size(), 3u);
  EXPECT_EQ(c.rules[0].op, CompareOp::kGe);
  EXPECT_EQ(c.rules[0].value.text, "2021-01-01");
  EXPECT_EQ(c.rules[0].value.cast_type, "date");
  EXPECT_EQ(c.rules[1].op, CompareOp::kLe);
  EXPECT_EQ(c.rules[2].value.cast_type, "interval");
}

TEST(DatagenCheckConstraintsTest, InListsInEverySpelling) {
  for (const std::string expression :
       {"status IN ('a', 'b')", "status = ANY (ARRAY['a'::text, 'b'::text])",
        "(status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])",
        "status = 'a' OR status = 'b'", "status IS NULL OR status IN ('a', 'b')"}) {
    auto c = Interpret(expression);
    ASSERT_TRUE(c.fully_understood()) << expression;
    ASSERT_EQ(c.rules.size(), 1u) << expression;
    EXPECT_EQ(c.rules[0].kind, ColumnRule::Kind::kIn) << expression;
    ASSERT_EQ(c.rules[0].values.size(), 2u) << expression;
    EXPECT_EQ(c.rules[0].values[1].text, "b") << expression;
  }
  auto c = Interpret("tier NOT IN ('gold') AND code <> ALL (ARRAY['x', 'y'])");
  ASSERT_TRUE(c.fully_understood());
  EXPECT_EQ(c.rules[0].kind, ColumnRule::Kind::kNotIn);
  EXPECT_EQ(c.rules[1].kind, ColumnRule::Kind::kNotIn);
  EXPECT_EQ(c.rules[1].values.size(), 2u);
}

TEST(DatagenCheckConstraintsTest, LengthsPairsNullsAndCounts) {
  auto c = Interpret(
      "char_length(btrim(name)) > 0 AND length(code) BETWEEN 3 AND 8 AND starts_at < ends_at AND "
      "email IS NOT NULL AND num_nonnulls(a, b, c) = 1 AND num_nulls(x, y) <= 1");
  ASSERT_TRUE(c.fully_understood()) << c.not_understood[0];
  ASSERT_EQ(c.rules.size(), 4u);
  EXPECT_EQ(c.rules[0].kind, ColumnRule::Kind::kLength);
  EXPECT_EQ(c.rules[0].column, "name");
  EXPECT_EQ(c.rules[0].length, 0);
  EXPECT_EQ(c.rules[1].kind, ColumnRule::Kind::kLength);
  EXPECT_EQ(c.rules[2].length, 8);
  EXPECT_EQ(c.rules[3].kind, ColumnRule::Kind::kNotNull);
  ASSERT_EQ(c.pairs.size(), 1u);
  EXPECT_EQ(c.pairs[0].left, "starts_at");
  EXPECT_EQ(c.pairs[0].right, "ends_at");
  ASSERT_EQ(c.non_null_counts.size(), 2u);
  EXPECT_EQ(c.non_null_counts[0].min, 1);
  EXPECT_EQ(c.non_null_counts[0].max, 1);
  EXPECT_EQ(c.non_null_counts[1].min, 1);  // at most one of two NULL: at least one not NULL
  EXPECT_EQ(c.non_null_counts[1].max, 2);
}

TEST(DatagenCheckConstraintsTest, ReportsWhatItDoesNotUnderstand) {
  auto c = Interpret("slug ~ '^[a-z]+$' AND price > 0 AND (a > 1 OR b > 1) AND ends_at - starts_at < interval '1 day'");
  EXPECT_FALSE(c.fully_understood());
  EXPECT_EQ(c.rules.size(), 1u);  // price > 0
  ASSERT_EQ(c.not_understood.size(), 3u);
  EXPECT_EQ(c.not_understood[0], "slug ~ '^[a-z]+$'");
  EXPECT_EQ(c.columns, (std::vector<std::string>{"slug", "price", "a", "b", "ends_at", "starts_at"}));
}

TEST(DatagenCheckConstraintsTest, DomainChecksAreWrittenForTheColumn) {
  auto written = DomainCheckForColumn("VALUE > 0 AND VALUE < 100", "quantity");
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written.value(), "quantity > 0 AND quantity < 100");
  auto c = Interpret("VALUE ~ '^[0-9]{5}$'");
  EXPECT_EQ(c.columns, (std::vector<std::string>{"value"}));
}

TEST(DatagenCheckConstraintsTest, SyntaxErrorsFail) { EXPECT_FALSE(InterpretCheck("price >").ok()); }

}  // namespace
}  // namespace dbarch::verify::datagen
