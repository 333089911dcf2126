// Value domains: the k-th value of each type is valid input for PostgreSQL, distinct for distinct k,
// increasing for ordered types, and inside the bounds CHECK rules and partition bounds set.
#include <gtest/gtest.h>

#include <set>

#include "verify/datagen/value_domain.h"

namespace dbarch::verify::datagen {
namespace {

ValueDomain Domain(const std::string& type, std::vector<std::string> modifiers = {}, const std::string& column = "c") {
  model::TypeName name;
  name.name = type;
  name.modifiers = std::move(modifiers);
  return ValueDomain::ForType(name, column, 99);
}

ColumnRule Compare(CompareOp op, const std::string& text) {
  ColumnRule rule;
  rule.kind = ColumnRule::Kind::kCompare;
  rule.op = op;
  rule.value.text = text;
  return rule;
}

TEST(DatagenValueDomainTest, FormatsEachType) {
  auto numeric = Domain("numeric", {"8", "3"});
  EXPECT_EQ(numeric.Format(0), "0.000");
  numeric.SetSize(10, true);
  EXPECT_EQ(numeric.Format(1), "0.001");
  auto date = Domain("date");
  date.SetSize(1, true);
  EXPECT_EQ(date.Format(0), "2020-01-01");
  auto ts = Domain("timestamp with time zone");
  ts.SetSize(1, true);
  EXPECT_EQ(ts.Format(0), "2020-01-01 00:00:00+00");
  EXPECT_EQ(Domain("boolean").Format(1), "t");
  EXPECT_EQ(Domain("character", {"2"}).Format(27), "BB");
  EXPECT_EQ(Domain("uuid").Format(5).size(), 36u);
  EXPECT_EQ(Domain("bit", {"4"}).Format(5), "0101");
  EXPECT_EQ(Domain("cidr").Format(258), "10.1.2.0/24");
  EXPECT_EQ(Domain("bytea").Format(1).substr(0, 2), "\\x");
  auto email = Domain("text", {}, "email");
  email.SetSize(100, true);
  EXPECT_EQ(email.Format(35), "user0z@example.com");
  auto interval = Domain("interval");
  EXPECT_EQ(interval.Format(0), "300 seconds");
}

TEST(DatagenValueDomainTest, ArraysAndRangesAreWellFormed) {
  model::TypeName text_array;
  text_array.name = "text";
  text_array.array_dims = 1;
  const std::string array = ValueDomain::ForType(text_array, "tags", 1).Format(3);
  EXPECT_EQ(array.front(), '{');
  EXPECT_EQ(array.back(), '}');
  auto range = Domain("tstzrange");
  const std::string a = range.Format(0), b = range.Format(1);
  EXPECT_EQ(a.substr(0, 2), "[\"");
  EXPECT_EQ(a.back(), ')');
  EXPECT_NE(a, b);
}

TEST(DatagenValueDomainTest, ChecksNarrowOrderedDomains) {
  auto price = Domain("numeric", {"10", "2"});
  ASSERT_TRUE(price.Apply(Compare(CompareOp::kGt, "0")));
  ASSERT_TRUE(price.Apply(Compare(CompareOp::kLe, "5")));
  EXPECT_EQ(price.low(), 1);    // 0.01
  EXPECT_EQ(price.high(), 500);  // 5.00
  EXPECT_EQ(price.Capacity(), 500u);
  price.SetSize(1000, false);
  EXPECT_EQ(price.size(), 500u);
  EXPECT_EQ(price.Format(499), "5.00");

  auto lucky = Domain("integer");
  ASSERT_TRUE(lucky.Apply(Compare(CompareOp::kGe, "0")));
  ASSERT_TRUE(lucky.Apply(Compare(CompareOp::kLt, "5")));
  ColumnRule not_in;
  not_in.kind = ColumnRule::Kind::kNotIn;
  not_in.values = {{"2", "", true, false}};
  ASSERT_TRUE(lucky.Apply(not_in));
  EXPECT_EQ(lucky.Capacity(), 4u);
  lucky.SetSize(4, true);
  std::vector<std::string> values;
  for (uint64_t k = 0; k < 4; ++k) values.push_back(lucky.Format(k));
  EXPECT_EQ(values, (std::vector<std::string>{"0", "1", "3", "4"}));

  auto contradiction = Domain("integer");
  contradiction.Apply(Compare(CompareOp::kGt, "10"));
  contradiction.Apply(Compare(CompareOp::kLt, "5"));
  EXPECT_FALSE(contradiction.problem().empty());
}

TEST(DatagenValueDomainTest, InListsBecomeCategorical) {
  auto status = Domain("character varying", {"5"});
  ColumnRule in;
  in.kind = ColumnRule::Kind::kIn;
  in.values = {{"draft", "", false, true}, {"active", "", false, true}, {"gone", "", false, true}};
  ASSERT_TRUE(status.Apply(in));
  EXPECT_EQ(status.kind(), ValueKind::kCategorical);
  EXPECT_EQ(status.Capacity(), 2u);  // 'active' is longer than varchar(5)
  EXPECT_EQ(status.Format(1), "gone");
}

TEST(DatagenValueDomainTest, TextHonoursLengthLimitsAndStaysDistinct) {
  auto code = Domain("character varying", {"4"}, "product_code");
  ColumnRule at_least;
  at_least.kind = ColumnRule::Kind::kLength;
  at_least.op = CompareOp::kGe;
  at_least.length = 3;
  ASSERT_TRUE(code.Apply(at_least));
  EXPECT_EQ(code.Capacity(), 36u * 36 * 36 * 36);
  code.SetSize(5000, true);
  std::set<std::string> seen;
  for (uint64_t k = 0; k < 5000; ++k) {
    const std::string v = code.Format(k);
    ASSERT_GE(v.size(), 3u) << v;
    ASSERT_LE(v.size(), 4u) << v;
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 5000u);
}

TEST(DatagenValueDomainTest, PartitionBoundsRestrictTheRange) {
  auto day = Domain("date");
  Literal from{"2030-01-01", "", false, true}, to{"2030-02-01", "", false, true};
  ASSERT_TRUE(day.RestrictToPartition(from, to));
  day.SetSize(1000, false);
  EXPECT_EQ(day.size(), 31u);
  EXPECT_EQ(day.Format(0), "2030-01-01");
  EXPECT_EQ(day.Format(30), "2030-01-31");
  // timestamptz bounds keep a day's margin, since the server's time zone is unknown.
  auto at = Domain("timestamp with time zone");
  ASSERT_TRUE(at.RestrictToPartition(Literal{"2025-01-01", "", false, true}, Literal{"2026-01-01", "", false, true}));
  at.SetSize(2, false);
  EXPECT_EQ(at.Format(0), "2025-01-02 00:00:00+00");
}

TEST(DatagenValueDomainTest, ParsesConstantsIntoUnits) {
  EXPECT_EQ(Domain("interval").ParseUnits({"1 day 02:00:00"}), 93600);
  EXPECT_EQ(Domain("interval").ParseUnits({"30 minutes"}), 1800);
  EXPECT_EQ(Domain("time without time zone").ParseUnits({"08:30"}), 30600);
  EXPECT_EQ(Domain("numeric", {"5", "2"}).ParseUnits({"12.5"}), 1250);
  EXPECT_EQ(Domain("date").ParseUnits({"1970-01-02"}), 1);
  EXPECT_EQ(Domain("integer").ParseUnits({"abc"}), std::nullopt);
}

}  // namespace
}  // namespace dbarch::verify::datagen
