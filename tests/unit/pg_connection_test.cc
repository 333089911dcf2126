#include "verify/pg_connection.h"

#include <gtest/gtest.h>

namespace dbarch::verify {
namespace {

TEST(RedactConninfoTest, UrlPasswordIsHidden) {
  EXPECT_EQ(RedactConninfo("postgresql://app:s3cret@db.example.com:5432/shop"),
            "postgresql://app:***@db.example.com:5432/shop");
  EXPECT_EQ(RedactConninfo("postgres://app:p%40ss@db/shop?sslmode=require"), "postgres://app:***@db/shop?sslmode=require");
  EXPECT_EQ(RedactConninfo("postgresql://db/shop?user=app&password=s3cret&sslmode=require"),
            "postgresql://db/shop?user=app&password=***&sslmode=require");
  EXPECT_EQ(RedactConninfo("postgresql://app@db/shop"), "postgresql://app@db/shop");
  EXPECT_EQ(RedactConninfo("postgresql:///shop"), "postgresql:///shop");
}

TEST(RedactConninfoTest, KeyValuePasswordIsHidden) {
  EXPECT_EQ(RedactConninfo("host=db user=app password=s3cret dbname=shop"), "host=db user=app password=*** dbname=shop");
  EXPECT_EQ(RedactConninfo("host=db password='with space' dbname=shop"), "host=db password=*** dbname=shop");
  EXPECT_EQ(RedactConninfo("password = s3cret host=db"), "password = *** host=db");
}

TEST(ParseTextArrayTest, QuotesEscapesAndNulls) {
  EXPECT_EQ(ParseTextArray("{}"), std::vector<std::string>{});
  EXPECT_EQ(ParseTextArray("{a,b}"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ParseTextArray(R"({"a,b","say \"hi\"",NULL,"NULL"})"),
            (std::vector<std::string>{"a,b", "say \"hi\"", "", "NULL"}));
  EXPECT_EQ(ParseTextArray("not an array"), std::vector<std::string>{});
}

TEST(PgConnectionTest, UnreachableServerNeverShowsThePassword) {
  ConnectOptions options;
  options.conninfo = "postgresql://app:topsecret@127.0.0.1:1/shop?connect_timeout=2";
  auto connection = PgConnection::Connect(options);
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(connection.status().message().find("topsecret"), std::string::npos) << connection.status().message();
  EXPECT_NE(connection.status().message().find("app:***@127.0.0.1"), std::string::npos);
}

TEST(PgConnectionTest, MalformedConninfoIsInvalidInput) {
  ConnectOptions options;
  options.conninfo = "host=db password='zz9secret";
  auto connection = PgConnection::Connect(options);
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().message().find("zz9secret"), std::string::npos) << connection.status().message();
  EXPECT_EQ(connection.status().code(), Status::Code::kInvalidInput);
}

}  // namespace
}  // namespace dbarch::verify
