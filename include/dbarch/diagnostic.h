// Diagnostics are what loaders say about the input itself (not advice about the schema): a statement the
// model does not understand, an unresolved table in a query, a file that was skipped. They are shown to
// the user and listed in the report, never swallowed.
#pragma once

#include <string>
#include <vector>

#include "dbarch/location.h"
#include "dbarch/severity.h"

namespace dbarch {

struct Diagnostic {
  Severity severity = Severity::kWarning;
  SourceLocation location;
  std::string code;     // stable kebab-case id, e.g. "unsupported-statement", "unresolved-table"
  std::string message;

  // "file:line:col: warning: message [code]"
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace dbarch
