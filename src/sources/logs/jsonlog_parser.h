// The jsonlog format (PostgreSQL 15+): one JSON object per line with keys timestamp, user, dbname, pid,
// remote_host, session_id, error_severity, state_code, message, detail, hint, context, statement,
// internal_query, application_name, …; keys PostgreSQL leaves out for NULL values are empty fields.
#pragma once

#include <cstdint>
#include <string_view>

#include "sources/logs/log_record.h"

namespace dbarch::sources::logs {

// Parses complete lines; a line that is not a JSON object with a message goes to `malformed`.
void ParseJsonLog(std::string_view text, int64_t first_line, const RecordSink& sink, const MalformedSink& malformed);

}  // namespace dbarch::sources::logs
