// schema/redundant-index: a B-tree index whose keys are a strict left prefix of another B-tree index
// with the same predicate.
#include <fmt/format.h>

#include <algorithm>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/index_shape.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers::schema {

namespace {

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (IsPartition(table)) continue;
    auto indexes = EffectiveIndexes(catalog, name);
    for (const auto& shorter : indexes) {
      // A unique index enforces something the longer index does not; constraint indexes cannot be dropped.
      if (shorter.method != "btree" || shorter.unique || BacksConstraint(shorter)) continue;
      const model::Index* covering = nullptr;
      for (const auto& longer : indexes) {
        if (&longer == &shorter || longer.method != "btree" || !longer.valid) continue;
        if (shorter.predicate != longer.predicate || !IsStrictKeyPrefix(shorter, longer)) continue;
        if (!CoversIncludes(shorter, longer)) continue;
        if (!covering || longer.keys.size() < covering->keys.size()) covering = &longer;
      }
      if (!covering) continue;
      Finding f = self.NewFinding(shorter.location.known() ? shorter.location : table.location,
                                  shorter.name.ToString());
      f.message = fmt::format("Index {} is redundant: its keys are a left prefix of {}.", shorter.name.ToString(),
                              covering->name.ToString());
      f.explanation =
          "A B-tree can be searched on any left prefix of its keys, so every query that uses the shorter "
          "index can use the longer one (same predicate, same key order and direction). Dropping the shorter "
          "index saves a write on every INSERT/UPDATE and its share of cache and VACUUM work. The longer "
          "index is bigger, so prefix lookups read a few more pages; keep the short one only if measurements "
          "show those lookups are latency-critical. DROP INDEX CONCURRENTLY takes only a SHARE UPDATE "
          "EXCLUSIVE lock and must run outside a transaction block.";
      f.evidence.push_back("redundant: " + DescribeIndex(shorter));
      f.evidence.push_back("covered by: " + DescribeIndex(*covering));
      f.fix_sql = DropIndexConcurrentlySql(shorter.name);
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

const SchemaCheck& RedundantIndexCheck() {
  static const SchemaCheck kCheck{"schema/redundant-index",
                                  "B-tree index whose keys are a left prefix of another index's keys",
                                  Severity::kWarning, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
