#include "sql/parse_in_order.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dbarch::sql {

Status ParseInOrder(size_t count, const std::function<Result<ParsedFile>(size_t)>& parse,
                    const std::function<Status(size_t, ParsedFile&&)>& consume, ParseInOrderOptions options) {
  // The consumer, the pipeline's critical path, keeps a core to itself and parses ahead whenever it would wait;
  // the workers take the other cores. One worker per core as well left three threads on two cores: a fair
  // scheduler gave the consumer two thirds of one, the workers filled the window and slept while it caught up.
  const size_t cores = std::max(std::thread::hardware_concurrency(), 1u);
  size_t threads = options.threads ? options.threads : std::min<size_t>(cores - 1, 4);
  threads = std::min(threads, count);
  if (threads == 0) {
    for (size_t i = 0; i < count; ++i) {
      Result<ParsedFile> file = parse(i);
      if (!file.ok()) return file.status();
      if (Status s = consume(i, std::move(file).value()); !s.ok()) return s;
    }
    return Status::Ok();
  }
  const size_t window = options.window ? options.window : 64 * (threads + 1);

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<Result<ParsedFile>>> parsed(count);
  size_t next = 0;      // the next index a worker claims
  size_t consumed = 0;  // indexes below this have been handed to consume (or skipped after a stop)
  bool stop = false;
  // Consumed files are destroyed by the workers, not by the consuming thread: freeing a parse tree (thousands
  // of protobuf messages) is a few percent of a lint run, and the consumer is the pipeline's bottleneck.
  std::vector<ParsedFile> consumed_files;

  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return stop || !consumed_files.empty() || next >= count || next < consumed + window;
        });
        if (!consumed_files.empty()) {
          std::vector<ParsedFile> done;
          done.swap(consumed_files);
          lock.unlock();
          done.clear();
          continue;
        }
        if (stop || next >= count) return;
        i = next++;
      }
      Result<ParsedFile> file = parse(i);
      {
        std::lock_guard lock(mutex);
        parsed[i].emplace(std::move(file));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);

  Status result = Status::Ok();
  for (size_t i = 0; i < count && result.ok(); ++i) {
    std::optional<Result<ParsedFile>> file;
    {
      std::unique_lock lock(mutex);
      // While file i is still being parsed (its worker may have been preempted: there are more threads than
      // cores), this thread parses the next unclaimed file instead of sleeping.
      while (!parsed[i].has_value()) {
        if (next < count && next < consumed + window) {
          const size_t j = next++;
          lock.unlock();
          Result<ParsedFile> parsed_here = parse(j);
          lock.lock();
          parsed[j].emplace(std::move(parsed_here));
          continue;
        }
        changed.wait(lock, [&] { return parsed[i].has_value(); });
      }
      file = std::move(parsed[i]);
      parsed[i].reset();
      consumed = i + 1;
    }
    changed.notify_all();
    if (!file->ok()) {
      result = file->status();
    } else {
      ParsedFile consumed_file = std::move(*file).value();
      result = consume(i, std::move(consumed_file));
      {
        std::lock_guard lock(mutex);
        consumed_files.push_back(std::move(consumed_file));
      }
      changed.notify_one();
    }
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  changed.notify_all();
  for (auto& thread : pool) thread.join();
  return result;
}

}  // namespace dbarch::sql
