// schema/duplicate-index: two indexes with the same definition on the same table.
#include <fmt/format.h>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/index_shape.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers::schema {

namespace {

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (IsPartition(table)) continue;  // partitions carry the parent's indexes; the parent is checked
    auto indexes = EffectiveIndexes(catalog, name);
    std::vector<bool> reported(indexes.size(), false);
    for (std::size_t i = 0; i < indexes.size(); ++i) {
      if (reported[i]) continue;
      // Group i with every later index of the same shape and keep the best one.
      std::vector<std::size_t> group = {i};
      for (std::size_t j = i + 1; j < indexes.size(); ++j) {
        if (!reported[j] && SameShape(indexes[i], indexes[j])) group.push_back(j);
      }
      if (group.size() < 2) continue;
      std::size_t keep = group[0];
      for (std::size_t g : group) {
        if (PreferToKeep(indexes[g], indexes[keep])) keep = g;
      }
      for (std::size_t g : group) {
        reported[g] = true;
        if (g == keep) continue;
        const model::Index& dup = indexes[g];
        const model::Index& kept = indexes[keep];
        Finding f = self.NewFinding(dup.location.known() ? dup.location : table.location, dup.name.ToString());
        f.message = fmt::format("Index {} duplicates {} on {}.", dup.name.ToString(), kept.name.ToString(),
                                name.ToString());
        f.explanation =
            "Both indexes have the same method, keys, predicate and INCLUDE columns, so the planner can use "
            "either for exactly the same queries. The extra one only costs: every INSERT and every "
            "non-HOT UPDATE writes both, it takes disk and shared_buffers space, and VACUUM has to scan it.";
        f.evidence.push_back("duplicate: " + DescribeIndex(dup));
        f.evidence.push_back("kept: " + DescribeIndex(kept));
        if (BacksConstraint(dup)) {
          f.explanation += fmt::format(
              " Both indexes back constraints ({} and {}), so neither can be dropped on its own: drop the "
              "redundant constraint (ALTER TABLE … DROP CONSTRAINT) after checking nothing references it.",
              dup.constraint_name.empty() ? dup.name.name : dup.constraint_name,
              kept.constraint_name.empty() ? kept.name.name : kept.constraint_name);
        } else {
          f.explanation +=
              " DROP INDEX CONCURRENTLY removes it with a SHARE UPDATE EXCLUSIVE lock (no blocking of reads "
              "or writes); it cannot run inside a transaction block.";
          f.fix_sql = DropIndexConcurrentlySql(dup.name);
        }
        out->push_back(std::move(f));
      }
    }
  }
}

}  // namespace

const SchemaCheck& DuplicateIndexCheck() {
  static const SchemaCheck kCheck{"schema/duplicate-index", "two indexes with the same definition",
                                  Severity::kWarning, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
