// Per-column profile of a table of strings: the smallest PostgreSQL type every non-NULL value fits, NULL
// and distinct counts, min and max (compared as the inferred type), and the signs of non-atomic values
// (lists, JSON documents) the 1NF check needs.
//
// A type is chosen only when PostgreSQL would print the values back exactly as written (no leading zeros
// in integers, ISO dates), so loading the data into the typed columns and reading it back loses nothing.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/table_data.h"

namespace dbarch::analyzers::normalize {

struct ColumnProfile {
  std::string name;
  std::string type;        // integer, bigint, numeric, boolean, date, timestamp, timestamptz, uuid, jsonb, text
  int nulls = 0;
  int distinct = 0;        // distinct non-NULL values
  std::string min, max;    // of the non-NULL values, "" when all are NULL
  size_t max_length = 0;   // longest value in bytes
  double avg_length = 0;   // of the non-NULL values
  int list_like = 0;       // values that look like a list ("a, b, c", "a;b", "[1,2]")
  int json_documents = 0;  // values that are JSON objects or arrays
};

std::vector<ColumnProfile> ProfileColumns(const TableData& table);

// The type one value fits best, from the narrowest: integer, bigint, numeric, boolean, date, timestamp,
// timestamptz, uuid, jsonb, text (exposed for tests).
std::string ValueType(const std::string& value);

}  // namespace dbarch::analyzers::normalize
