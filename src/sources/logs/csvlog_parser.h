// The csvlog format: one CSV record per message (RFC 4180 quoting; fields may span lines), columns in
// PostgreSQL's order — log_time, user_name, database_name, process_id, connection_from, session_id, …,
// error_severity, sql_state_code, message, detail, hint, internal_query, internal_query_pos, context, query,
// query_pos, location, application_name (and, from PostgreSQL 13/14, backend_type, leader_pid, query_id).
//
// Not csv_reader.h: that reader loads a whole table into memory for `normalize`, while a log is streamed
// record by record with views into the input.
#pragma once

#include <cstdint>
#include <string_view>

#include "sources/logs/log_record.h"

namespace dbarch::sources::logs {

// Parses the records of `text` (whole records; a record cut off at the end is reported as malformed).
void ParseCsvLog(std::string_view text, int64_t first_line, const RecordSink& sink, const MalformedSink& malformed);

// True when `line` looks like the start of a csvlog record (a log_time first field).
bool StartsCsvRecord(std::string_view line);

}  // namespace dbarch::sources::logs
