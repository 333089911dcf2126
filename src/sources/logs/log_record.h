// One PostgreSQL log message as the three log formats (stderr with any log_line_prefix, csvlog, jsonlog) all
// describe it: the prefix fields, the severity, the primary message and its secondary parts (DETAIL, HINT,
// CONTEXT, STATEMENT, QUERY), which stderr writes as separate prefixed lines and csv/json as fields.
//
// Every view points into buffers the reader owns and reuses: a record is valid only inside the callback that
// receives it. Fields the format or the prefix does not carry are empty (pid 0).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace dbarch::sources::logs {

struct LogRecord {
  std::string_view timestamp;    // as written, e.g. "2026-11-28 01:41:37.915 UTC" (%m or %t)
  int64_t pid = 0;
  std::string_view user, database, application, host, session_id, sqlstate;
  std::string_view severity;     // "LOG", "ERROR", "FATAL", "PANIC", "WARNING", "NOTICE", "INFO", "DEBUG1"…
  std::string_view message;      // continuation lines joined with '\n', their leading tab removed
  std::string_view detail, hint, context, statement, query;
  int64_t line = 0;              // 1-based line of the input where the record starts
};

// Where a reader reports what it could not read: the record's line and why. Never fatal.
struct MalformedLine {
  int64_t line = 0;
  std::string_view reason;  // a static description, e.g. "line does not start with the log_line_prefix"
};

using RecordSink = std::function<void(const LogRecord&)>;
using MalformedSink = std::function<void(const MalformedLine&)>;

}  // namespace dbarch::sources::logs
