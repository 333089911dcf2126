// TableData: one table of raw string values, as the normalization analyzers see it (a CSV file, or rows
// sampled from a live table). Values are compared as strings exactly as written; which string stands for
// NULL is stated per table.
#pragma once

#include <string>
#include <vector>

namespace dbarch::analyzers::normalize {

struct TableData {
  std::string name;                            // the table's name (a CSV file's stem)
  std::string source;                          // where it came from, for messages (a path)
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() values
  std::string null_string;                     // the value that means NULL ("" for CSV by default)

  int num_columns() const { return static_cast<int>(columns.size()); }
  int num_rows() const { return static_cast<int>(rows.size()); }
  bool IsNull(const std::string& v) const { return v == null_string; }
};

// How NULLs compare during dependency discovery: as one value equal to itself (SQL's GROUP BY and
// DISTINCT semantics, and the convention of the FD literature), or each NULL distinct (SQL's = semantics).
enum class NullSemantics { kNullEqualsNull, kNullNotEqualsNull };

}  // namespace dbarch::analyzers::normalize
