// sql::ParseInOrder: files are consumed in order whatever order the workers finish them in, the first failure in
// order stops the run, and the consuming thread parses ahead itself while the file it waits for is still being
// parsed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sql/parse_in_order.h"
#include "sql/parser.h"

namespace dbarch::sql {
namespace {

Result<ParsedFile> ParseNumbered(size_t i) {
  return ParseString("f" + std::to_string(i) + ".sql", "SELECT " + std::to_string(i) + ";");
}

TEST(ParseInOrderTest, ConsumesEveryFileInOrderWhateverOrderTheyAreParsedIn) {
  for (size_t threads : {1, 2, 4}) {
    std::vector<std::string> consumed;
    Status s = ParseInOrder(
        200,
        [](size_t i) {
          // Early files are the slowest, so later ones are finished first.
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200 - i));
          return ParseNumbered(i);
        },
        [&](size_t i, ParsedFile&& file) {
          EXPECT_EQ(file.source->name(), "f" + std::to_string(i) + ".sql");
          consumed.push_back(file.source->name());
          return Status::Ok();
        },
        {.threads = threads, .window = 5});
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(consumed.size(), 200u) << threads << " threads";
    for (size_t i = 0; i < consumed.size(); ++i) EXPECT_EQ(consumed[i], "f" + std::to_string(i) + ".sql");
  }
}

TEST(ParseInOrderTest, StopsAtTheFirstFailureInOrder) {
  std::vector<size_t> consumed;
  Status s = ParseInOrder(
      50,
      [](size_t i) -> Result<ParsedFile> {
        if (i == 20) return Status::InvalidInput("bad.sql:1:1: syntax error at or near \"SELEC\"");
        return ParseNumbered(i);
      },
      [&](size_t i, ParsedFile&&) {
        consumed.push_back(i);
        return Status::Ok();
      },
      {.threads = 3, .window = 8});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("bad.sql"), std::string::npos) << s.ToString();
  EXPECT_EQ(consumed.size(), 20u);

  consumed.clear();
  Status stopped = ParseInOrder(
      50, ParseNumbered,
      [&](size_t i, ParsedFile&&) {
        consumed.push_back(i);
        return i == 9 ? Status::Internal("consumer refused file 9") : Status::Ok();
      },
      {.threads = 2, .window = 4});
  EXPECT_EQ(stopped.message(), "consumer refused file 9");
  EXPECT_EQ(consumed.size(), 10u);
}

TEST(ParseInOrderTest, TheConsumingThreadParsesAheadWhileItsNextFileIsBeingParsed) {
  // The workers hold every file until the consuming thread has parsed one itself: without the consumer's help
  // file 0 would never be ready (the test gives up after 20 s and fails).
  const std::thread::id consumer = std::this_thread::get_id();
  std::mutex mutex;
  std::set<size_t> parsed_by_consumer;
  std::atomic<bool> consumer_helped{false};
  std::vector<size_t> consumed;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  Status s = ParseInOrder(
      30,
      [&](size_t i) {
        if (std::this_thread::get_id() == consumer) {
          std::lock_guard lock(mutex);
          parsed_by_consumer.insert(i);
          consumer_helped = true;
        } else {
          while (!consumer_helped && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return ParseNumbered(i);
      },
      [&](size_t i, ParsedFile&&) {
        consumed.push_back(i);
        return Status::Ok();
      },
      {.threads = 2, .window = 10});
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(consumer_helped);
  EXPECT_FALSE(parsed_by_consumer.empty());
  ASSERT_EQ(consumed.size(), 30u);
  for (size_t i = 0; i < consumed.size(); ++i) EXPECT_EQ(consumed[i], i);
}

}  // namespace
}  // namespace dbarch::sql
