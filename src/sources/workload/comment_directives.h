// The `-- calls: N`, `-- weight: N` and `-- name: label` comments a workload file puts above a statement.
// Comment text is free prose, not SQL, so reading it needs no parser: a directive is a line whose text
// before the first ':' is one of the known keys.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dbarch::sources::workload {

struct CommentDirectives {
  std::optional<double> calls;  // from `calls:` or `weight:`; the directive nearest the statement wins
  std::string label;            // from `name:`
  std::vector<std::string> problems;  // e.g. `calls: many` — reported as diagnostics by the caller
};

CommentDirectives ParseCommentDirectives(const std::vector<std::string>& leading_comments);

}  // namespace dbarch::sources::workload
