// COPY text format: tabs between fields, \N for NULL, backslash escapes for the characters COPY reads
// specially.
#include <gtest/gtest.h>

#include "verify/datagen/copy_writer.h"

namespace dbarch::verify::datagen {
namespace {

TEST(DatagenCopyWriterTest, EscapesSpecialCharacters) {
  EXPECT_EQ(CopyEscape("plain text, with \"quotes\""), "plain text, with \"quotes\"");
  EXPECT_EQ(CopyEscape("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
  EXPECT_EQ(CopyEscape("\\N"), "\\\\N");  // the text \N, not NULL
  EXPECT_EQ(CopyEscape(""), "");
  EXPECT_EQ(CopyEscape("naïve ☃"), "naïve ☃");
}

TEST(DatagenCopyWriterTest, WritesRows) {
  std::string out;
  CopyRowWriter writer(&out);
  writer.AppendValue("1");
  writer.AppendNull();
  writer.AppendValue("two\twords");
  writer.EndRow();
  std::string* raw = writer.BeginValue();
  raw->append("C:\\path");
  writer.EndValue();
  writer.AppendValue("");
  writer.EndRow();
  EXPECT_EQ(out, "1\t\\N\ttwo\\twords\nC:\\\\path\t\n");
  EXPECT_EQ(writer.rows(), 2u);
}

}  // namespace
}  // namespace dbarch::verify::datagen
