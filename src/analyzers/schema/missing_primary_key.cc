// schema/missing-primary-key: a table without a primary key.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers::schema {

namespace {

// A unique, non-partial index on NOT NULL plain columns can be promoted to the primary key without a
// new index build (ADD CONSTRAINT … PRIMARY KEY USING INDEX).
const model::Index* PromotableUniqueIndex(const model::Table& table, const std::vector<model::Index>& indexes) {
  for (const auto& index : indexes) {
    if (!index.unique || !index.predicate.empty() || index.method != "btree" || !index.valid) continue;
    bool all_not_null = !index.keys.empty();
    for (const auto& key : index.keys) {
      const model::Column* column = key.column.empty() ? nullptr : table.FindColumn(key.column);
      if (!column || !(column->not_null || column->identity != model::IdentityKind::kNone)) all_not_null = false;
    }
    if (all_not_null) return &index;
  }
  return nullptr;
}

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    // Partitions get their key from the parent; foreign and temporary tables are not ours to key.
    if (IsPartition(table) || table.kind == model::TableKind::kForeign || table.temporary) continue;
    if (table.PrimaryKey()) continue;
    Finding f = self.NewFinding(table.location, name.ToString());
    f.message = fmt::format("Table {} has no primary key.", name.ToString());
    f.explanation =
        "Without a primary key rows cannot be addressed reliably: duplicates creep in, ORMs and admin tools "
        "cannot update a single row, and logical replication cannot replicate UPDATE/DELETE (it needs a "
        "replica identity). Every table should have a key, even a log table (an identity column is enough).";
    if (table.kind == model::TableKind::kPartitioned) {
      f.explanation += fmt::format(
          " {} is partitioned: its primary key must include the partition key ({}), so a log-style table "
          "usually gets PRIMARY KEY (id, <partition key>).",
          name.ToString(), fmt::join(table.partition_keys, ", "));
    }
    auto indexes = EffectiveIndexes(catalog, name);
    const model::Index* promotable = PromotableUniqueIndex(table, indexes);
    if (promotable) {
      f.evidence.push_back("unique index on NOT NULL columns: " + DescribeIndex(*promotable));
      if (table.kind != model::TableKind::kPartitioned && !BacksConstraint(*promotable)) {
        // USING INDEX reuses the built index: only a brief ACCESS EXCLUSIVE lock, no scan.
        f.fix_sql = fmt::format("ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY USING INDEX {};", name.ToSql(),
                                model::QuoteIdent(name.name + "_pkey"), model::QuoteIdent(promotable->name.name));
        f.explanation +=
            " The existing unique index can become the primary key without a rebuild: ADD CONSTRAINT … USING "
            "INDEX only takes a brief ACCESS EXCLUSIVE lock.";
      }
    } else {
      f.evidence.push_back(fmt::format("{} has {} column(s) and no PRIMARY KEY or unique NOT NULL key",
                                       name.ToString(), table.columns.size()));
    }
    out->push_back(std::move(f));
  }
}

}  // namespace

const SchemaCheck& MissingPrimaryKeyCheck() {
  static const SchemaCheck kCheck{"schema/missing-primary-key", "table without a primary key", Severity::kWarning,
                                  &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
