#include "analyzers/er_model.h"

#include <algorithm>
#include <set>

namespace dbarch::analyzers {

namespace {

using ColumnSet = std::set<std::string>;

// Column sets PostgreSQL guarantees unique: PK and UNIQUE constraints and non-partial unique indexes on
// plain columns.
std::vector<ColumnSet> UniqueKeys(const model::Catalog& catalog, const model::Table& table) {
  std::vector<ColumnSet> out;
  for (const auto& c : table.constraints) {
    if (c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique)
      out.emplace_back(c.columns.begin(), c.columns.end());
  }
  for (const auto* index : catalog.IndexesOn(table.name)) {
    if (!index->unique || !index->predicate.empty()) continue;
    ColumnSet cols;
    bool plain = true;
    for (const auto& k : index->keys) {
      if (k.column.empty()) plain = false;
      cols.insert(k.column);
    }
    if (plain) out.push_back(std::move(cols));
  }
  return out;
}

// The columns are unique when some unique key is contained in them.
bool IsUnique(const std::vector<ColumnSet>& keys, const std::vector<std::string>& columns) {
  ColumnSet cols(columns.begin(), columns.end());
  return std::any_of(keys.begin(), keys.end(), [&](const ColumnSet& key) {
    return !key.empty() && std::includes(cols.begin(), cols.end(), key.begin(), key.end());
  });
}

bool ColumnNotNull(const model::Table& table, const std::string& column) {
  const model::Column* c = table.FindColumn(column);
  if (!c) return false;
  if (c->not_null || c->identity != model::IdentityKind::kNone) return true;
  const model::Constraint* pk = table.PrimaryKey();
  return pk && std::find(pk->columns.begin(), pk->columns.end(), column) != pk->columns.end();
}

// A junction table: its primary key is made entirely of the columns of at least two foreign keys.
bool IsJunction(const model::Table& table) {
  const model::Constraint* pk = table.PrimaryKey();
  if (!pk || pk->columns.size() < 2) return false;
  ColumnSet pk_cols(pk->columns.begin(), pk->columns.end());
  ColumnSet covered;
  int fks_in_pk = 0;
  for (const auto& c : table.constraints) {
    if (c.kind != model::ConstraintKind::kForeignKey) continue;
    ColumnSet fk_cols(c.columns.begin(), c.columns.end());
    if (!std::includes(pk_cols.begin(), pk_cols.end(), fk_cols.begin(), fk_cols.end())) continue;
    ++fks_in_pk;
    covered.insert(fk_cols.begin(), fk_cols.end());
  }
  return fks_in_pk >= 2 && covered == pk_cols;
}

}  // namespace

std::string ErRelationship::Cardinality() const {
  std::string parent = parent_side == ParentSide::kExactlyOne ? "1" : "0..1";
  std::string child;
  switch (child_side) {
    case ChildSide::kZeroOrMany: child = "N"; break;
    case ChildSide::kZeroOrOne: child = "1"; break;
    case ChildSide::kOneOrMany: child = "1..N"; break;
  }
  return parent + ":" + child;
}

ErModel BuildErModel(const model::Catalog& catalog) {
  ErModel model;
  for (const auto& [name, table] : catalog.tables) {
    // Partitions are storage, not entities: the partitioned parent stands for all of them.
    if (table.partition_of) continue;
    auto unique_keys = UniqueKeys(catalog, table);
    const model::Constraint* pk = table.PrimaryKey();

    ErEntity entity;
    entity.table = name;
    entity.junction = IsJunction(table);
    for (const auto& column : table.columns) {
      ErAttribute a;
      a.name = column.name;
      a.type = column.type.ToSql();
      a.primary_key = pk && std::find(pk->columns.begin(), pk->columns.end(), column.name) != pk->columns.end();
      for (const auto& c : table.constraints) {
        if (c.kind == model::ConstraintKind::kForeignKey &&
            std::find(c.columns.begin(), c.columns.end(), column.name) != c.columns.end())
          a.foreign_key = true;
      }
      a.unique = std::any_of(unique_keys.begin(), unique_keys.end(),
                             [&](const ColumnSet& key) { return key == ColumnSet{column.name}; });
      a.nullable = !ColumnNotNull(table, column.name);
      entity.attributes.push_back(std::move(a));
    }
    model.entities.push_back(std::move(entity));

    for (const auto& c : table.constraints) {
      if (c.kind != model::ConstraintKind::kForeignKey) continue;
      ErRelationship r;
      r.parent = c.referenced_table;
      r.child = name;
      r.constraint_name = c.name;
      r.child_columns = c.columns;
      r.parent_columns = c.referenced_columns;
      bool mandatory = std::all_of(c.columns.begin(), c.columns.end(),
                                   [&](const std::string& col) { return ColumnNotNull(table, col); });
      r.parent_side = mandatory ? ParentSide::kExactlyOne : ParentSide::kZeroOrOne;
      r.child_side = IsUnique(unique_keys, c.columns) ? ChildSide::kZeroOrOne : ChildSide::kZeroOrMany;
      model.relationships.push_back(std::move(r));
    }
  }
  return model;
}

}  // namespace dbarch::analyzers
