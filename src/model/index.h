// An index of the schema model (see catalog.h for how names are stored).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbarch/location.h"
#include "model/qualified_name.h"

namespace dbarch::model {

struct IndexKey {
  std::string column;      // set for a plain column key
  std::string expression;  // set for an expression key (deparsed), e.g. "lower(email)"
  std::string opclass;     // e.g. "text_pattern_ops", "jsonb_path_ops"; empty for the default
  std::string collation;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset = default for the direction
  friend bool operator==(const IndexKey&, const IndexKey&) = default;
};

struct Index {
  QualifiedName name;   // schema is the table's schema
  QualifiedName table;
  std::string method = "btree";
  bool unique = false;
  bool primary = false;           // backs the primary key
  std::string constraint_name;    // set when the index backs a PK/UNIQUE/EXCLUDE constraint
  std::vector<IndexKey> keys;
  std::vector<std::string> include_columns;
  std::string predicate;          // partial index WHERE, deparsed
  bool nulls_not_distinct = false;
  bool created_concurrently = false;  // as written in the DDL (informational)
  bool valid = true;
  std::optional<std::string> comment;
  SourceLocation location;
};

}  // namespace dbarch::model
