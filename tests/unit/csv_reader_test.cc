#include <gtest/gtest.h>

#include "sources/csv_reader.h"

namespace dbarch::sources {
namespace {

TEST(CsvReader, QuotesDelimitersAndEmbeddedNewlines) {
  auto t = ParseCsv("id,name,note\n1,\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\n2,Lee,\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->has_header);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"id", "name", "note"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "Smith, J");
  EXPECT_EQ(t->rows[0][2], "said \"hi\"\nthen left");
  EXPECT_EQ(t->rows[1][2], "");
  EXPECT_EQ(t->row_lines, (std::vector<int>{2, 4}));
  EXPECT_EQ(t->name, "t");
}

TEST(CsvReader, DetectsDelimiters) {
  EXPECT_EQ(DetectCsvDelimiter("a;b;c\n1;2;3\n"), ';');
  EXPECT_EQ(DetectCsvDelimiter("a\tb\n1\t2\n"), '\t');
  EXPECT_EQ(DetectCsvDelimiter("a|b|c\n1|2,5|3\n4|5|6\n"), '|');
  EXPECT_EQ(DetectCsvDelimiter("a,b\n\"x;y\",2\n"), ',');
  auto t = ParseCsv("name;price\nTea;2,50\nCake;3,10\n", "p.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ';');
  EXPECT_EQ(t->rows[0][1], "2,50");
}

TEST(CsvReader, HeaderDetection) {
  // A header above numbers.
  EXPECT_TRUE(ParseCsv("a,b\n1,2\n3,4\n", "x.csv")->has_header);
  // Numbers in the first row: no header.
  auto t = ParseCsv("5.1,3.5,Iris-setosa\n4.9,3.0,Iris-setosa\n", "x.csv");
  EXPECT_FALSE(t->has_header);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"column1", "column2", "column3"}));
  EXPECT_EQ(t->rows.size(), 2u);
  // Text only, and the first row's values repeat below: data, not a header.
  EXPECT_FALSE(ParseCsv("x,y\nx,z\nw,y\n", "x.csv")->has_header);
  // Text only, first row distinct from the rest: a header.
  EXPECT_TRUE(ParseCsv("city,country\nParis,France\nLyon,France\n", "x.csv")->has_header);
  // Forced either way.
  CsvOptions no;
  no.header = CsvOptions::Header::kNo;
  EXPECT_EQ(ParseCsv("a,b\n1,2\n", "x.csv", no)->rows.size(), 2u);
}

TEST(CsvReader, BomAndLatin1) {
  auto t = ParseCsv("\xEF\xBB\xBFname,town\nA,Z\xC3\xBCrich\n", "u.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns[0], "name");
  EXPECT_EQ(t->encoding, "UTF-8");
  auto l = ParseCsv("name,town\nA,Z\xFCrich\n", "l.csv");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->rows[0][1], "Z\xC3\xBCrich");
  EXPECT_EQ(l->encoding, "Latin-1 (converted to UTF-8)");
}

TEST(CsvReader, RaggedRowIsAnErrorAtItsLineAndColumn) {
  auto t = ParseCsv("a,b,c\n1,2,3\n4,5,6,7\n", "r.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().ToString(), "r.csv:3:7: error: row 3 has 4 fields, expected 3 like the header");
  auto s = ParseCsv("a,b,c\n1,2,3\n4,5\n", "r.csv");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().ToString(), "r.csv:3:4: error: row 3 has 2 fields, expected 3 like the header");
}

TEST(CsvReader, QuoteErrors) {
  auto t = ParseCsv("a,b\n1,\"open\n2,3\n", "q.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().location()->line, 2);
  EXPECT_EQ(t.status().location()->column, 3);
  auto u = ParseCsv("a,b\n\"x\"y,2\n", "q.csv");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.status().location()->column, 4);
  // Columns count characters, not bytes.
  auto m = ParseCsv("a,b\n\xC3\xA9\xC3\xA9,\"x\"y\n", "q.csv");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().location()->column, 7);
}

TEST(CsvReader, EdgeCases) {
  EXPECT_FALSE(ParseCsv("", "e.csv").ok());
  auto one = ParseCsv("v\na\n\nb\n", "one.csv", {0, CsvOptions::Header::kYes, ""});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->rows.size(), 3u);  // the blank line is an empty value in a one-column table
  auto no_newline = ParseCsv("a,b\n1,2", "n.csv");
  ASSERT_TRUE(no_newline.ok());
  EXPECT_EQ(no_newline->rows.size(), 1u);
  auto blank_lines = ParseCsv("a,b\n\n1,2\n\n", "n.csv");
  ASSERT_TRUE(blank_lines.ok());
  EXPECT_EQ(blank_lines->rows.size(), 1u);
  EXPECT_FALSE(ParseCsv(std::string("a,b\n1,\0", 7), "bin.csv").ok());
}

}  // namespace
}  // namespace dbarch::sources
