// schema/unindexed-foreign-key: a FK whose referencing columns are not the leading columns of an index.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers::schema {

namespace {

// An index serves the FK when its first n keys are exactly the n FK columns, in any order, and it is
// not partial (the RI trigger's lookup carries no WHERE). BRIN cannot serve point lookups.
bool ServesForeignKey(const model::Index& index, const std::vector<std::string>& fk_columns) {
  if (!index.predicate.empty() || index.method == "brin" || !index.valid) return false;
  if (index.method == "hash" && fk_columns.size() != 1) return false;
  auto leading = LeadingColumns(index, fk_columns.size());
  if (!leading) return false;
  return std::set<std::string>(leading->begin(), leading->end()) ==
         std::set<std::string>(fk_columns.begin(), fk_columns.end());
}

// PostgreSQL clones a parent's FK onto each partition; when the loader modelled that, the parent's
// finding covers the partition.
bool InheritedFromParent(const model::Catalog& catalog, const model::Table& table, const model::Constraint& fk) {
  if (!table.partition_of) return false;
  const model::Table* parent = catalog.FindTable(*table.partition_of);
  if (!parent) return false;
  for (const auto& c : parent->constraints) {
    if (c.kind == model::ConstraintKind::kForeignKey && c.columns == fk.columns &&
        c.referenced_table == fk.referenced_table)
      return true;
  }
  return false;
}

std::vector<const model::Table*> PartitionsOf(const model::Catalog& catalog, const model::QualifiedName& parent) {
  std::vector<const model::Table*> out;
  for (const auto& [name, t] : catalog.tables) {
    if (t.partition_of == parent) out.push_back(&t);
  }
  return out;
}

std::string FixSql(const model::Catalog& catalog, const model::Table& table, const std::vector<std::string>& cols) {
  std::string name = DefaultIndexName(table.name.name, cols);
  std::string columns = ColumnListSql(cols);
  if (table.kind != model::TableKind::kPartitioned) {
    return fmt::format("CREATE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({});", model::QuoteIdent(name),
                       table.name.ToSql(), columns);
  }
  // CONCURRENTLY is not supported on a partitioned table: create the parent index ON ONLY (instant,
  // invalid until every partition has one), build each partition's index concurrently, then attach.
  std::string sql = fmt::format("CREATE INDEX IF NOT EXISTS {} ON ONLY {} ({});", model::QuoteIdent(name),
                                table.name.ToSql(), columns);
  for (const auto* part : PartitionsOf(catalog, table.name)) {
    std::string part_index = DefaultIndexName(part->name.name, cols);
    sql += fmt::format("\nCREATE INDEX CONCURRENTLY IF NOT EXISTS {} ON {} ({});", model::QuoteIdent(part_index),
                       part->name.ToSql(), columns);
    sql += fmt::format("\nALTER INDEX {} ATTACH PARTITION {};",
                       model::QualifiedName{table.name.schema, name}.ToSql(),
                       model::QualifiedName{part->name.schema, part_index}.ToSql());
  }
  return sql;
}

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (table.kind == model::TableKind::kForeign) continue;
    std::vector<model::Index> indexes;
    bool indexes_loaded = false;
    for (const auto& fk : table.constraints) {
      if (fk.kind != model::ConstraintKind::kForeignKey || fk.columns.empty()) continue;
      if (InheritedFromParent(catalog, table, fk)) continue;
      if (!indexes_loaded) {
        indexes = EffectiveIndexes(catalog, name);
        indexes_loaded = true;
      }
      if (std::any_of(indexes.begin(), indexes.end(),
                      [&](const model::Index& i) { return ServesForeignKey(i, fk.columns); }))
        continue;

      Finding f = self.NewFinding(fk.location.known() ? fk.location : ColumnLocation(table, fk.columns[0]),
                                  ColumnsObject(name, fk.columns));
      f.message = fmt::format("Foreign key {} on {} ({}) has no index on its referencing column{}.", fk.name,
                              name.ToString(), fmt::join(fk.columns, ", "), fk.columns.size() > 1 ? "s" : "");
      f.explanation = fmt::format(
          "Every DELETE of a row in {0} (and every UPDATE of its key) makes PostgreSQL look up matching rows "
          "in {1} through the foreign key; without an index that lookup is a sequential scan of {1}, run "
          "once per parent row while the parent row is locked{2}. Joins from {0} to {1} and filters on {3} "
          "cannot use an index either. The fix builds the index with CREATE INDEX CONCURRENTLY, which takes "
          "a SHARE UPDATE EXCLUSIVE lock (reads and writes continue) and must run outside a transaction.",
          fk.referenced_table.ToString(), name.ToString(),
          fk.on_delete == model::ReferentialAction::kCascade ? " (ON DELETE CASCADE turns each delete into a scan)"
                                                             : "",
          fmt::join(fk.columns, ", "));
      if (table.kind == model::TableKind::kPartitioned) {
        f.explanation +=
            " The table is partitioned and CONCURRENTLY is not supported on a partitioned table, so the parent "
            "index is created ON ONLY the parent and each partition's index is built concurrently and attached.";
      }
      f.evidence.push_back(fmt::format("{} FOREIGN KEY ({}) REFERENCES {}", fk.name, fmt::join(fk.columns, ", "),
                                       fk.referenced_table.ToString()));
      for (const auto& index : indexes) {
        bool mentions = std::any_of(index.keys.begin(), index.keys.end(), [&](const model::IndexKey& k) {
          return std::find(fk.columns.begin(), fk.columns.end(), k.column) != fk.columns.end();
        });
        if (mentions) f.evidence.push_back("index with the column not leading (or partial): " + DescribeIndex(index));
      }
      f.fix_sql = FixSql(catalog, table, fk.columns);
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

const SchemaCheck& UnindexedForeignKeyCheck() {
  static const SchemaCheck kCheck{"schema/unindexed-foreign-key",
                                  "foreign key whose columns are not the leading columns of an index",
                                  Severity::kWarning, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
