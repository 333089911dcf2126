#include "sql/parser.h"

#include <gtest/gtest.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace dbarch::sql {
namespace {

// Every `location` field in the tree replaced by its offset in the statement's text (Statement::NodeOffset).
void ToStatementOffsets(const Statement& statement, google::protobuf::Message* message) {
  const auto* descriptor = message->GetDescriptor();
  const auto* reflection = message->GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (field->name() == "location" && field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_INT32 &&
        !field->is_repeated()) {
      reflection->SetInt32(message, field, statement.NodeOffset(reflection->GetInt32(*message, field)));
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int k = 0; k < reflection->FieldSize(*message, field); ++k)
          ToStatementOffsets(statement, reflection->MutableRepeatedMessage(message, field, k));
      } else if (reflection->HasField(*message, field)) {
        ToStatementOffsets(statement, reflection->MutableMessage(message, field));
      }
    }
  }
}

std::string WithStatementOffsets(const Statement& statement) {
  pg_query::Node node = statement.node;
  ToStatementOffsets(statement, &node);
  return node.SerializeAsString();
}

TEST(ParserTest, SplitsStatementsWithLocations) {
  auto file = ParseString("t.sql", "-- calls: 20\nSELECT 1;\n\n  CREATE TABLE t (id int);\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->statements.size(), 2u);
  EXPECT_EQ(file->statements[0].location.line, 2);
  EXPECT_EQ(file->statements[0].location.column, 1);
  EXPECT_EQ(file->statements[0].leading_comments, std::vector<std::string>{"calls: 20"});
  EXPECT_EQ(file->statements[1].location.line, 4);
  EXPECT_EQ(file->statements[1].location.column, 3);
  EXPECT_TRUE(file->statements[1].node.has_create_stmt());
  EXPECT_EQ(file->statements[1].text, "CREATE TABLE t (id int)");
}

// Files up to 1 MB are parsed in one call and cut at libpg_query's statement boundaries; larger ones statement by
// statement. Both must give the same statements, and the same node offsets within each statement's own text.
TEST(ParserTest, WholeFileAndStatementByStatementParsesAgree) {
  const std::string block =
      "/* header */ SET lock_timeout = '2s';\n"
      "-- why: backfill\nUPDATE orders SET note = E'a\\'b;c' WHERE id = 1;\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;;\n"
      "SELECT 'é' AS x, name FROM customers WHERE lower(email) = 'x'\n;\n";
  auto small = ParseString("small.sql", block + "SELECT last_one");
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  ASSERT_EQ(small->statements.size(), 5u);
  // The column reference `name` sits at its offset within the fourth statement's text.
  const Statement& select = small->statements[3];
  const auto& target = select.node.select_stmt().target_list(1).res_target().val().column_ref();
  EXPECT_EQ(select.text.substr(static_cast<std::size_t>(select.NodeOffset(target.location())), 4), "name");
  EXPECT_EQ(small->statements[1].leading_comments, std::vector<std::string>{"why: backfill"});
  EXPECT_EQ(small->statements[4].text, "SELECT last_one");

  std::string big;
  while (big.size() <= (1u << 20)) big += block;
  big += "SELECT last_one";
  auto large = ParseString("large.sql", big);
  ASSERT_TRUE(large.ok()) << large.status().ToString();
  ASSERT_EQ(large->statements.size(), (big.size() / block.size()) * 4 + 1);
  for (std::size_t i = 0; i < small->statements.size(); ++i) {
    const std::size_t j = i == 4 ? large->statements.size() - 1 : i;  // the tail, and the first block
    const Statement& a = small->statements[i];
    const Statement& b = large->statements[j];
    EXPECT_EQ(a.text, b.text) << i;
    EXPECT_EQ(a.leading_comments, b.leading_comments) << i;
    EXPECT_EQ(a.location.column, b.location.column) << i;
    EXPECT_EQ(WithStatementOffsets(a), WithStatementOffsets(b)) << i << ": " << a.text;
  }
}

TEST(ParserTest, SyntaxErrorPointsAtToken) {
  auto file = ParseString("bad.sql", "SELECT 1;\nCREATE TABLE t (id int,, name text);\n");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().location()->line, 2);
  EXPECT_EQ(file.status().location()->column, 24);
  EXPECT_NE(file.status().ToString().find("bad.sql:2:24: error: syntax error at or near \",\""), std::string::npos)
      << file.status().ToString();
  EXPECT_NE(file.status().ToString().find("^"), std::string::npos);
}

TEST(ParserTest, SkipsPsqlMetaCommandsAndCopyData) {
  const char* text =
      "\\connect shop\n"
      "SET statement_timeout = 0;\n"
      "COPY public.t (id, note) FROM stdin;\n"
      "1\tit's; not SQL\n"
      "2\t\\N\n"
      "\\.\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;\n"
      "\\i other.sql\n";
  auto file = ParseString("dump.sql", text);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->statements.size(), 3u);
  EXPECT_TRUE(file->statements[1].node.has_copy_stmt());
  EXPECT_TRUE(file->statements[2].node.has_create_function_stmt());
  ASSERT_EQ(file->meta_commands.size(), 2u);
  EXPECT_EQ(file->meta_commands[0].command, "connect");
  EXPECT_EQ(file->meta_commands[0].argument, "shop");
  EXPECT_EQ(file->meta_commands[1].command, "i");
  EXPECT_EQ(file->meta_commands[1].location.line, 8);
}

TEST(ParserTest, FingerprintIgnoresConstants) {
  auto a = Fingerprint("SELECT * FROM t WHERE id = 1");
  auto b = Fingerprint("select *  from t where id = 42");
  auto c = Fingerprint("SELECT * FROM t WHERE name = 'x'");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(a->size(), 16u);
}

TEST(ParserTest, NormalizeAndDeparse) {
  auto n = Normalize("SELECT * FROM t WHERE id = 42 AND name = 'x'");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, "SELECT * FROM t WHERE id = $1 AND name = $2");
  auto stmt = ParseOne("SELECT lower(email) FROM users");
  ASSERT_TRUE(stmt.ok());
  const auto& target = stmt->select_stmt().target_list(0).res_target().val();
  EXPECT_EQ(DeparseExpr(target), "lower(email)");
}

TEST(ParserTest, RejectsBinaryAndBadUtf8) {
  std::size_t bad = 0;
  EXPECT_FALSE(IsValidUtf8("abc\xff", &bad));
  EXPECT_EQ(bad, 3u);
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9", &bad));
}

}  // namespace
}  // namespace dbarch::sql
