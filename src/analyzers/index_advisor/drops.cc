#include "analyzers/index_advisor/drops.h"

#include <fmt/format.h>

#include <set>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/index_shape.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers {

namespace {

int64_t IndexBytes(const model::QualifiedName& index, const model::Statistics* live, const model::Statistics& sizes) {
  for (const model::Statistics* stats : {live, &sizes}) {
    if (!stats) continue;
    auto it = stats->indexes.find(index);
    if (it != stats->indexes.end() && it->second.size_bytes > 0) return it->second.size_bytes;
  }
  return 0;
}

IndexDrop NewDrop(const model::Index& index, const std::string& kind, std::string reason, const model::Statistics* live,
                  const model::Statistics& sizes) {
  IndexDrop drop;
  drop.index = index.name;
  drop.table = index.table;
  drop.kind = kind;
  drop.reason = std::move(reason);
  drop.bytes = IndexBytes(index.name, live, sizes);
  drop.drop_sql = DropIndexConcurrentlySql(index.name);
  IndexDdlOptions restore;
  restore.concurrently = true;
  restore.if_not_exists = true;
  drop.rollback_sql = IndexDefinitionSql(index, restore);
  return drop;
}

}  // namespace

std::vector<IndexDrop> FindIndexDrops(const model::Catalog& catalog, const model::Statistics* live,
                                      const model::Statistics& sizes) {
  std::vector<IndexDrop> out;
  std::set<model::QualifiedName> listed;
  for (const auto& [name, table] : catalog.tables) {
    if (schema::IsPartition(table)) continue;
    const auto indexes = schema::EffectiveIndexes(catalog, name);
    for (const auto& index : indexes) {
      if (index.name.name.empty() || listed.count(index.name)) continue;
      if (!index.valid && !schema::BacksConstraint(index)) {
        out.push_back(NewDrop(index, "invalid",
                              "invalid: a CREATE INDEX CONCURRENTLY failed and left it behind; every write maintains "
                              "it but no query can use it — drop it and build it again if it is needed",
                              live, sizes));
        listed.insert(index.name);
        continue;
      }
      if (schema::BacksConstraint(index)) continue;
      // Duplicate: another index with the same shape that is the better one to keep.
      const model::Index* twin = nullptr;
      for (const auto& other : indexes) {
        if (&other == &index || !other.valid || listed.count(other.name)) continue;
        if (schema::SameShape(index, other) && schema::PreferToKeep(other, index)) twin = &other;
      }
      if (twin && !(index.unique && !twin->unique)) {
        out.push_back(NewDrop(index, "duplicate",
                              fmt::format("duplicate of {}: same method, keys, INCLUDE columns and predicate",
                                          schema::DescribeIndex(*twin)),
                              live, sizes));
        listed.insert(index.name);
        continue;
      }
      // Redundant: a left prefix of a longer B-tree with the same predicate.
      if (index.method == "btree" && !index.unique) {
        const model::Index* longer = nullptr;
        for (const auto& other : indexes) {
          if (&other == &index || other.method != "btree" || !other.valid || listed.count(other.name)) continue;
          if (other.predicate != index.predicate || !schema::IsStrictKeyPrefix(index, other)) continue;
          if (!schema::CoversIncludes(index, other)) continue;
          if (!longer || other.keys.size() < longer->keys.size()) longer = &other;
        }
        if (longer) {
          out.push_back(NewDrop(index, "redundant",
                                fmt::format("redundant: its keys are a left prefix of {}, which serves every query "
                                            "it serves",
                                            schema::DescribeIndex(*longer)),
                                live, sizes));
          listed.insert(index.name);
          continue;
        }
      }
      // Unused since the live database's statistics were reset.
      if (live && !index.unique) {
        auto it = live->indexes.find(index.name);
        if (it != live->indexes.end() && it->second.idx_scan == 0) {
          out.push_back(NewDrop(index, "unused",
                                fmt::format("unused: idx_scan = 0 in the live database{} — check replicas and rare "
                                            "jobs (month-end reports) before dropping",
                                            live->stats_reset ? " since " + *live->stats_reset : " since statistics "
                                                                                                 "were last reset"),
                                live, sizes));
          listed.insert(index.name);
        }
      }
    }
  }
  return out;
}

}  // namespace dbarch::analyzers
