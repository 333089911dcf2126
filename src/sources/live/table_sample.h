// Rows of live tables for `dbarch normalize --db` (and the report's normal-form evidence with --db): each user
// table's columns as text, all rows when the table holds at most `max_rows`, otherwise a Bernoulli sample of
// about that many (TABLESAMPLE, so the server reads pages, not an ORDER BY random() sort). Read-only, under the
// connection's statement timeout; a table that cannot be read becomes a note.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/normalize/table_data.h"
#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

// How a NULL reads in the sampled rows (TableData::null_string): a control character no text column holds
// in practice, so "" stays an empty string.
inline constexpr const char* kSampledNull = "\x01";

struct TableSampleOptions {
  std::vector<std::string> tables;  // "name" or "schema.name"; empty = every user table (partitions by parent)
  int64_t max_rows = 10000;
  int max_tables = 0;  // 0 = no limit; otherwise the largest tables first
  uint32_t seed = 1;   // TABLESAMPLE … REPEATABLE (seed)
};

struct TableSamples {
  std::vector<analyzers::normalize::TableData> tables;  // name "schema.table" ("table" in public)
  std::vector<std::string> notes;                       // tables skipped and why
};

// kInvalidInput when a table named in options.tables does not exist; kUnavailable when the catalog cannot be read.
Result<TableSamples> SampleLiveTables(verify::PgConnection& connection, const TableSampleOptions& options);

}  // namespace dbarch::sources
