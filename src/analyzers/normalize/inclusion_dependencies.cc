#include "analyzers/normalize/inclusion_dependencies.h"

#include <algorithm>
#include <unordered_set>

namespace dbarch::analyzers::normalize {

std::vector<InclusionDependency> DiscoverUnaryInds(const std::vector<const TableData*>& tables) {
  struct Column {
    int table, column;
    std::unordered_set<std::string_view> values;
    bool unique = true;
  };
  std::vector<Column> columns;
  for (int t = 0; t < static_cast<int>(tables.size()); ++t)
    for (int c = 0; c < tables[t]->num_columns(); ++c) {
      Column col{t, c, {}, true};
      for (const auto& row : tables[t]->rows) {
        if (tables[t]->IsNull(row[c])) continue;
        if (!col.values.insert(row[c]).second) col.unique = false;
      }
      columns.push_back(std::move(col));
    }
  std::vector<InclusionDependency> out;
  for (const Column& a : columns) {
    if (a.values.empty()) continue;
    for (const Column& b : columns) {
      if (a.table == b.table || b.values.size() < a.values.size()) continue;
      bool included = std::all_of(a.values.begin(), a.values.end(), [&](std::string_view v) { return b.values.count(v) > 0; });
      if (included)
        out.push_back({a.table, a.column, b.table, b.column, static_cast<int>(a.values.size()), b.unique});
    }
  }
  return out;
}

}  // namespace dbarch::analyzers::normalize
