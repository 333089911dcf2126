// The stderr log format (also what syslog-less `logging_collector` files hold): each message starts with a
// line carrying the log_line_prefix and a severity; lines starting with a tab continue it (PostgreSQL puts a
// tab after every newline of a message, so multi-line statements and auto_explain plans stay inside it);
// DETAIL/HINT/CONTEXT/STATEMENT/QUERY lines of the same process complete it.
#pragma once

#include <cstdint>
#include <string_view>

#include "sources/logs/log_line_prefix.h"
#include "sources/logs/log_record.h"

namespace dbarch::sources::logs {

// Parses complete lines (text ends at a line end or the end of input); `first_line` is the 1-based line
// number of text's first line. Lines that match no prefix, and continuation lines without a message, go to
// `malformed` and are skipped.
void ParseStderrLog(std::string_view text, int64_t first_line, const LogLinePrefix& prefix, const RecordSink& sink,
                    const MalformedSink& malformed);

// True when `line` starts a new message (prefix and a primary severity, not DETAIL/STATEMENT…): where a
// log may be cut into chunks that parse independently.
bool StartsStderrMessage(std::string_view line, const LogLinePrefix& prefix);

}  // namespace dbarch::sources::logs
