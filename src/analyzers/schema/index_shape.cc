#include "analyzers/schema/index_shape.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "analyzers/schema/catalog_facts.h"

namespace dbarch::analyzers::schema {

bool SameEnvelope(const model::Index& a, const model::Index& b) {
  return a.table == b.table && a.method == b.method && a.predicate == b.predicate &&
         std::set<std::string>(a.include_columns.begin(), a.include_columns.end()) ==
             std::set<std::string>(b.include_columns.begin(), b.include_columns.end());
}

bool SameShape(const model::Index& a, const model::Index& b) {
  if (!SameEnvelope(a, b) || a.keys != b.keys) return false;
  if (a.unique && b.unique && a.nulls_not_distinct != b.nulls_not_distinct) return false;
  return true;
}

bool IsStrictKeyPrefix(const model::Index& a, const model::Index& b) {
  if (a.keys.empty() || a.keys.size() >= b.keys.size()) return false;
  return std::equal(a.keys.begin(), a.keys.end(), b.keys.begin());
}

bool PreferToKeep(const model::Index& a, const model::Index& b) {
  auto rank = [](const model::Index& i) {
    return std::make_tuple(!BacksConstraint(i), !i.unique, i.location.file, i.location.line, i.name);
  };
  // Files of a migration folder sort in replay order often enough; line breaks ties within a file.
  return rank(a) < rank(b);
}

bool CoversIncludes(const model::Index& shorter, const model::Index& longer) {
  for (const auto& inc : shorter.include_columns) {
    bool in_keys = std::any_of(longer.keys.begin(), longer.keys.end(),
                               [&](const model::IndexKey& k) { return k.column == inc; });
    bool included = std::find(longer.include_columns.begin(), longer.include_columns.end(), inc) !=
                    longer.include_columns.end();
    if (!in_keys && !included) return false;
  }
  return true;
}

}  // namespace dbarch::analyzers::schema
