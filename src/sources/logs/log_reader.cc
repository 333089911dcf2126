#include "sources/logs/log_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "sources/logs/csvlog_parser.h"
#include "sources/logs/jsonlog_parser.h"
#include "sources/logs/log_input.h"
#include "sources/logs/log_line_prefix.h"
#include "sources/logs/stderr_parser.h"

namespace dbarch::sources::logs {
namespace {

struct Chunk {
  std::string text;
  int file = 0;
  int64_t first_line = 1;
  LogFormat format = LogFormat::kStderr;
  std::shared_ptr<const LogLinePrefix> prefix;
};

// A bounded queue: the reader blocks when the workers fall behind, which bounds memory.
class ChunkQueue {
 public:
  explicit ChunkQueue(size_t capacity) : capacity_(capacity) {}
  void Push(Chunk chunk) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(chunk));
    not_empty_.notify_one();
  }
  std::optional<Chunk> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    Chunk chunk = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return chunk;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Chunk> queue_;
  size_t capacity_;
  bool closed_ = false;
};

void ParseChunk(const Chunk& chunk, LogConsumer* consumer) {
  consumer->OnChunkStart();
  const RecordSink sink = [&](const LogRecord& record) { consumer->OnRecord(chunk.file, record); };
  const MalformedSink malformed = [&](const MalformedLine& line) { consumer->OnMalformed(chunk.file, line); };
  switch (chunk.format) {
    case LogFormat::kStderr: ParseStderrLog(chunk.text, chunk.first_line, *chunk.prefix, sink, malformed); break;
    case LogFormat::kCsv: ParseCsvLog(chunk.text, chunk.first_line, sink, malformed); break;
    case LogFormat::kJson: ParseJsonLog(chunk.text, chunk.first_line, sink, malformed); break;
  }
}

std::vector<std::string_view> FirstLines(std::string_view text, size_t max_lines) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size() && lines.size() < max_lines) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;  // an incomplete last line is left out
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

bool StartsChunk(std::string_view line, LogFormat format, const LogLinePrefix* prefix) {
  switch (format) {
    case LogFormat::kStderr: return StartsStderrMessage(line, *prefix);
    case LogFormat::kCsv: return StartsCsvRecord(line);
    case LogFormat::kJson: return true;
  }
  return true;
}

// The offset of the last line start in text (not the first line) that may begin a chunk, whose line is
// complete; 0 when there is none.
size_t LastBoundary(std::string_view text, LogFormat format, const LogLinePrefix* prefix) {
  size_t line_end = text.rfind('\n');
  if (line_end == std::string_view::npos) return 0;
  if (format == LogFormat::kJson) return line_end + 1;
  while (line_end != std::string_view::npos && line_end > 0) {
    const size_t previous = text.rfind('\n', line_end - 1);
    if (previous == std::string_view::npos) return 0;
    const size_t start = previous + 1;
    if (StartsChunk(text.substr(start, line_end - start), format, prefix)) return start;
    line_end = previous;
  }
  return 0;
}

int64_t CountLines(std::string_view text) { return std::count(text.begin(), text.end(), '\n'); }

}  // namespace

std::string_view LogFormatName(LogFormat format) {
  switch (format) {
    case LogFormat::kStderr: return "stderr";
    case LogFormat::kCsv: return "csvlog";
    case LogFormat::kJson: return "jsonlog";
  }
  return "stderr";
}

Result<std::vector<LogFileInfo>> ReadLogs(const std::vector<std::string>& paths, const LogReadOptions& options,
                                          const std::vector<LogConsumer*>& consumers) {
  std::shared_ptr<const LogLinePrefix> given_prefix;
  if (!options.prefix.empty()) {
    auto compiled = LogLinePrefix::Compile(options.prefix);
    if (!compiled.ok()) return compiled.status();
    given_prefix = std::make_shared<const LogLinePrefix>(std::move(compiled).value());
  }
  int64_t total_bytes = 0;
  for (const std::string& path : paths) {
    struct stat info;
    if (path != "-" && ::stat(path.c_str(), &info) == 0) total_bytes += info.st_size;
  }

  ChunkQueue queue(consumers.size() + 1);
  std::vector<std::thread> workers;
  for (LogConsumer* consumer : consumers) {
    workers.emplace_back([&queue, consumer] {
      while (auto chunk = queue.Pop()) ParseChunk(*chunk, consumer);
    });
  }
  auto finish = [&] {
    queue.Close();
    for (std::thread& worker : workers) worker.join();
  };

  std::vector<LogFileInfo> infos;
  struct CutOff {
    int file;
    int64_t line;
    std::string_view reason;
  };
  std::vector<CutOff> cut_off;  // files that end in the middle of a line or of compressed data
  int64_t done_before = 0;
  for (size_t file = 0; file < paths.size(); ++file) {
    auto input = OpenLogInput(paths[file]);
    if (!input.ok()) {
      finish();
      return input.status();
    }
    LogFileInfo info;
    info.path = paths[file];
    info.compression = std::string((*input)->compression());
    std::string buffer;
    bool at_end = false;
    auto fill = [&](size_t want) -> Status {
      while (!at_end && buffer.size() < want) {
        const size_t old = buffer.size();
        buffer.resize(std::max(want, old + (1u << 16)));
        auto got = (*input)->Read(buffer.data() + old, buffer.size() - old);
        if (!got.ok()) return got.status();
        buffer.resize(old + *got);
        if (*got == 0) at_end = true;
      }
      return Status::Ok();
    };
    if (Status filled = fill(1u << 16); !filled.ok()) {
      finish();
      return filled;
    }
    // Recognise the format and the prefix from the first lines.
    std::shared_ptr<const LogLinePrefix> prefix = given_prefix;
    const std::vector<std::string_view> first = FirstLines(buffer, 400);
    std::string_view first_line;
    for (std::string_view line : first) {
      if (!line.empty()) {
        first_line = line;
        break;
      }
    }
    if (!first_line.empty() && first_line[0] == '{') {
      info.format = LogFormat::kJson;
    } else if (StartsCsvRecord(first_line)) {
      info.format = LogFormat::kCsv;
    } else if (!prefix) {
      auto detected = DetectLogLinePrefix(first);
      if (!detected) {
        if (!buffer.empty()) {
          finish();
          SourceLocation where;
          where.file = info.path;
          where.line = 1;
          where.column = 1;
          return Status::InvalidInput("the log_line_prefix of this log was not recognised; give it with --prefix as "
                                      "written in postgresql.conf",
                                      where);
        }
        detected = LogLinePrefix::Compile("%m [%p] ").value();  // an empty file
      }
      prefix = std::make_shared<const LogLinePrefix>(std::move(*detected));
      info.prefix_detected = true;
    }
    if (info.format == LogFormat::kStderr) info.prefix = prefix->text();

    int64_t next_line = 1;
    bool last_byte_newline = true;
    while (true) {
      if (Status filled = fill(options.chunk_bytes); !filled.ok()) {
        finish();
        return filled;
      }
      if (options.progress) options.progress(done_before + (*input)->raw_bytes_read(), total_bytes);
      size_t cut = at_end ? buffer.size() : LastBoundary(buffer, info.format, prefix.get());
      if (cut == 0 && !at_end) {
        // One message longer than a chunk: read on until a boundary appears.
        if (Status filled = fill(buffer.size() * 2); !filled.ok()) {
          finish();
          return filled;
        }
        continue;
      }
      Chunk chunk;
      chunk.file = static_cast<int>(file);
      chunk.first_line = next_line;
      chunk.format = info.format;
      chunk.prefix = prefix;
      chunk.text.assign(buffer, 0, cut);
      buffer.erase(0, cut);
      const int64_t lines = CountLines(chunk.text);
      next_line += lines;
      info.lines += lines;
      info.bytes += static_cast<int64_t>(chunk.text.size());
      if (!chunk.text.empty()) {
        last_byte_newline = chunk.text.back() == '\n';
        if (!last_byte_newline) ++info.lines;
        queue.Push(std::move(chunk));
      }
      if (at_end && buffer.empty()) break;
    }
    if ((*input)->truncated()) {
      cut_off.push_back({static_cast<int>(file), std::max<int64_t>(info.lines, 1),
                         "compressed data ends early: the file was cut off here"});
    } else if (!last_byte_newline && info.bytes > 0) {
      cut_off.push_back({static_cast<int>(file), info.lines, "the last line has no line end: the file was cut off or "
                                                             "was still being written"});
    }
    done_before += (*input)->raw_bytes_read();
    infos.push_back(std::move(info));
  }
  finish();
  for (const CutOff& c : cut_off) consumers.front()->OnMalformed(c.file, MalformedLine{c.line, c.reason});
  if (options.progress) options.progress(done_before, total_bytes);
  return infos;
}

}  // namespace dbarch::sources::logs
