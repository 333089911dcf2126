// Reads PostgreSQL log files in parallel: one thread reads (and decompresses) each file in large blocks, cuts
// them at message boundaries (a line with the log_line_prefix and a primary severity; a csvlog record start;
// any line of jsonlog) and hands the chunks to `jobs` worker threads, each feeding its own consumer. Memory
// is bounded by (jobs + 2) chunks, whatever the size of the log.
//
// The format is recognised from the first lines of each file (jsonlog: '{'; csvlog: a log_time and a comma;
// otherwise stderr, with the log_line_prefix given or detected). Lines that cannot be read are reported to
// the consumer with their file and line and skipped — never fatal; a file that cannot be opened, is corrupt
// as gzip/zstd, or whose prefix cannot be recognised is an error.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "sources/logs/log_record.h"

namespace dbarch::sources::logs {

enum class LogFormat { kStderr, kCsv, kJson };
std::string_view LogFormatName(LogFormat format);  // "stderr", "csvlog", "jsonlog"

// What one worker thread does with the records of its chunks. Methods are called from that thread only.
class LogConsumer {
 public:
  virtual ~LogConsumer() = default;
  virtual void OnRecord(int file, const LogRecord& record) = 0;
  virtual void OnMalformed(int file, const MalformedLine& line) = 0;
  // A chunk begins: state that pairs records of one process (a statement and its later duration line)
  // does not carry across chunks, which other threads parse.
  virtual void OnChunkStart() {}
};

struct LogReadOptions {
  std::string prefix;              // log_line_prefix as in postgresql.conf; "" = detect per file
  int jobs = 1;                    // worker threads (each needs one consumer)
  size_t chunk_bytes = 4u << 20;   // the unit of work handed to a worker
  // Called from the reading thread: bytes read from the files so far (compressed bytes for compressed
  // files) and their total size (0 when unknown, e.g. standard input).
  std::function<void(int64_t done, int64_t total)> progress;
};

struct LogFileInfo {
  std::string path;
  LogFormat format = LogFormat::kStderr;
  std::string prefix;          // the log_line_prefix used (stderr)
  bool prefix_detected = false;
  std::string compression;     // "none", "gzip", "zstd"
  int64_t bytes = 0;           // decompressed
  int64_t lines = 0;
};

// Reads every file in order; consumers.size() worker threads are used (at least one consumer).
Result<std::vector<LogFileInfo>> ReadLogs(const std::vector<std::string>& paths, const LogReadOptions& options,
                                          const std::vector<LogConsumer*>& consumers);

}  // namespace dbarch::sources::logs
