#include "analyzers/diff/partition_rebuild.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analyzers/sql_text.h"
#include "model/catalog_sql.h"

namespace dbarch::analyzers::diff {
namespace {

using model::QualifiedName;
using model::QuoteIdent;

const char kNewSuffix[] = "_dbnew";
const char kOldSuffix[] = "_dbold";

// PostgreSQL cuts identifiers to NAMEDATALEN - 1 bytes: the suffix must survive the cut.
std::string Suffixed(const std::string& name, const std::string& suffix) {
  return name.substr(0, 63 - suffix.size()) + suffix;
}

bool IndexBacked(const model::Constraint& c) {
  return c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique ||
         c.kind == model::ConstraintKind::kExclude;
}

// The table and its partitions, parent first.
std::vector<const model::Table*> Family(const model::Catalog& catalog, const QualifiedName& table) {
  std::vector<const model::Table*> out;
  if (const model::Table* t = catalog.FindTable(table)) out.push_back(t);
  for (const auto& [name, t] : catalog.tables) {
    if (t.partition_of && *t.partition_of == table) out.push_back(&t);
  }
  return out;
}

// A catalog with a table family under temporary names, and what was renamed (final name → temporary name).
struct Renamed {
  model::Catalog catalog;
  std::vector<std::pair<QualifiedName, QualifiedName>> tables;  // parent first
  struct Key {
    QualifiedName table;  // the final table name
    std::string name, temp;
  };
  std::vector<Key> keys;                                         // PRIMARY KEY/UNIQUE/EXCLUDE (their indexes follow)
  std::vector<std::pair<QualifiedName, QualifiedName>> indexes;  // other indexes
};

Renamed RenameFamily(const model::Catalog& catalog, const QualifiedName& table, const std::string& suffix) {
  Renamed r{catalog, {}, {}, {}};
  std::map<QualifiedName, QualifiedName> names;
  for (const model::Table* t : Family(catalog, table)) {
    QualifiedName temp{t->name.schema, Suffixed(t->name.name, suffix)};
    names[t->name] = temp;
    r.tables.push_back({t->name, temp});
  }
  std::map<std::string, std::string> key_names;  // constraint name → temporary name, per family
  for (const auto& [final_name, temp] : r.tables) {
    model::Table t = r.catalog.tables.at(final_name);
    r.catalog.tables.erase(final_name);
    t.name = temp;
    if (t.partition_of && names.count(*t.partition_of)) t.partition_of = names.at(*t.partition_of);
    for (auto& c : t.constraints) {
      if (!IndexBacked(c)) continue;
      std::string temp_name = Suffixed(c.name, suffix);
      r.keys.push_back({final_name, c.name, temp_name});
      key_names[final_name.ToString() + "." + c.name] = temp_name;
      c.name = temp_name;
    }
    r.catalog.tables[temp] = std::move(t);
  }
  std::vector<model::Index> moved;
  for (const auto& [name, index] : catalog.indexes) {
    if (names.count(index.table)) moved.push_back(index);
  }
  for (auto& index : moved) {
    r.catalog.indexes.erase(index.name);
    if (!index.constraint_name.empty()) {
      auto key = key_names.find(index.table.ToString() + "." + index.constraint_name);
      if (key != key_names.end()) index.constraint_name = key->second;
    } else {
      r.indexes.push_back({index.name, {index.name.schema, Suffixed(index.name.name, suffix)}});
    }
    index.name.name = Suffixed(index.name.name, suffix);
    index.table = names.at(index.table);
    QualifiedName name = index.name;
    r.catalog.indexes.insert_or_assign(name, std::move(index));
  }
  return r;
}

// CREATE statements for a renamed family: tables (parent first), NOT VALID checks and foreign keys, indexes,
// comments.
std::string CreateSql(const Renamed& r) {
  std::string sql;
  auto add = [&](const std::string& statement) {
    std::string s = statement;
    while (!s.empty() && (s.back() == '\n' || s.back() == ';')) s.pop_back();
    sql += (sql.empty() ? "" : "\n") + s + ";";
  };
  for (const auto& [final_name, temp] : r.tables) add(model::TableSql(r.catalog, r.catalog.tables.at(temp)));
  for (const auto& [final_name, temp] : r.tables) {
    const model::Table& t = r.catalog.tables.at(temp);
    const model::Table* parent = t.partition_of ? r.catalog.FindTable(*t.partition_of) : nullptr;
    for (const auto& c : t.constraints) {
      bool late = c.kind == model::ConstraintKind::kForeignKey || (c.kind == model::ConstraintKind::kCheck && c.not_valid);
      if (!late || (parent && parent->FindConstraint(c.name))) continue;
      add(fmt::format("ALTER TABLE {} ADD {}{}", t.name.ToSql(), model::ConstraintSql(r.catalog, t, c),
                      c.not_valid ? " NOT VALID" : ""));
    }
    for (const auto* index : r.catalog.IndexesOn(temp)) {
      if (index->constraint_name.empty()) add(model::IndexSql(*index));
    }
    if (t.comment) add(fmt::format("COMMENT ON TABLE {} IS {}", t.name.ToSql(), QuoteLiteral(*t.comment)));
    for (const auto& col : t.columns) {
      if (col.comment) {
        add(fmt::format("COMMENT ON COLUMN {}.{} IS {}", t.name.ToSql(), QuoteIdent(col.name), QuoteLiteral(*col.comment)));
      }
    }
  }
  return sql;
}

// Statements moving a renamed family from its final names to its temporary ones, or back.
std::string RenameAwaySql(const Renamed& r) {
  std::string sql;
  for (const auto& k : r.keys) {
    sql += fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};\n", k.table.ToSql(), QuoteIdent(k.name), QuoteIdent(k.temp));
  }
  for (const auto& [final_name, temp] : r.indexes) {
    sql += fmt::format("ALTER INDEX {} RENAME TO {};\n", final_name.ToSql(), QuoteIdent(temp.name));
  }
  for (const auto& [final_name, temp] : r.tables) {
    sql += fmt::format("ALTER TABLE {} RENAME TO {};\n", final_name.ToSql(), QuoteIdent(temp.name));
  }
  return sql;
}

std::string RenameBackSql(const Renamed& r) {
  std::string sql;
  for (const auto& [final_name, temp] : r.tables) {
    sql += fmt::format("ALTER TABLE {} RENAME TO {};\n", temp.ToSql(), QuoteIdent(final_name.name));
  }
  for (const auto& k : r.keys) {
    sql += fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};\n", k.table.ToSql(), QuoteIdent(k.temp), QuoteIdent(k.name));
  }
  for (const auto& [final_name, temp] : r.indexes) {
    sql += fmt::format("ALTER INDEX {} RENAME TO {};\n", temp.ToSql(), QuoteIdent(final_name.name));
  }
  return sql;
}

std::string Trimmed(std::string sql) {
  while (!sql.empty() && sql.back() == '\n') sql.pop_back();
  return sql;
}

// Why the family cannot be rebuilt on its own ("" when it can).
std::string RefusalReason(const model::Catalog& catalog, const QualifiedName& table, const std::set<QualifiedName>& family) {
  const model::Table* t = catalog.FindTable(table);
  if (!t) return "the table is missing";
  if (t->partition_of) return "it is itself a partition of " + t->partition_of->ToString();
  if (!t->inherits.empty()) return "it inherits from another table";
  for (const auto& [name, other] : catalog.tables) {
    if (family.count(name)) {
      if (name != table && !other.partition_strategy.empty()) return "partition " + name.ToString() + " is itself partitioned";
      if (other.rls_enabled) return "row-level security is enabled on " + name.ToString();
      for (const auto& col : other.columns) {
        if (col.identity != model::IdentityKind::kNone || col.from_serial) {
          return "column " + name.ToString() + "." + col.name + " takes its values from a sequence that belongs to the table";
        }
      }
      continue;
    }
    for (const auto& p : other.inherits) {
      if (family.count(p)) return "table " + name.ToString() + " inherits from it";
    }
    for (const auto& c : other.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && family.count(c.referenced_table)) {
        return "foreign key " + c.name + " of " + name.ToString() + " references it";
      }
    }
  }
  for (const auto& [name, view] : catalog.views) {
    for (const auto& read : view.reads) {
      if (family.count(read)) return "view " + name.ToString() + " reads it";
    }
  }
  for (const auto& tr : catalog.triggers) {
    if (family.count(tr.table)) return "trigger " + tr.name + " is on " + tr.table.ToString();
  }
  for (const auto& p : catalog.policies) {
    if (family.count(p.table)) return "policy " + p.name + " is on " + p.table.ToString();
  }
  for (const auto& s : catalog.sequences) {
    if (s.second.owned_by_table && family.count(*s.second.owned_by_table)) {
      return "sequence " + s.first.ToString() + " belongs to " + s.second.owned_by_table->ToString();
    }
  }
  for (const auto& g : catalog.grants) {
    for (const auto& name : family) {
      if (g.object == name.ToString()) return "it has grants (" + g.grantee + ")";
    }
  }
  return "";
}

}  // namespace

PartitionRebuild PlanPartitionRebuild(const model::Catalog& from, const model::Catalog& to, const QualifiedName& table) {
  PartitionRebuild out;
  std::set<QualifiedName> family;
  for (const auto* t : Family(from, table)) family.insert(t->name);
  for (const auto* t : Family(to, table)) family.insert(t->name);
  out.tables.assign(family.begin(), family.end());
  for (const auto* catalog : {&from, &to}) {
    out.refused = RefusalReason(*catalog, table, family);
    if (!out.refused.empty()) return out;
  }
  // The rows move through the columns both sides have; a column only the source has would be lost, a new
  // NOT NULL one without a default could not be filled.
  const model::Table& was = from.tables.at(table);
  const model::Table& now = to.tables.at(table);
  std::vector<std::string> shared;
  for (const auto& col : was.columns) {
    if (col.generated_expr) continue;
    const model::Column* target = now.FindColumn(col.name);
    if (!target) {
      out.refused = "column " + col.name + " is dropped at the same time (its values would be lost)";
      return out;
    }
    if (!target->generated_expr) shared.push_back(QuoteIdent(col.name));
  }
  for (const auto& col : now.columns) {
    if (!was.FindColumn(col.name) && col.not_null && !col.default_expr && !col.generated_expr) {
      out.refused = "new column " + col.name + " is NOT NULL without a default: the copy could not fill it";
      return out;
    }
  }
  std::string columns;
  for (const auto& c : shared) columns += (columns.empty() ? "" : ", ") + c;

  const Renamed fresh = RenameFamily(to, table, kNewSuffix);
  const Renamed old = RenameFamily(from, table, kOldSuffix);
  const QualifiedName fresh_name = fresh.tables.front().second;
  const QualifiedName old_name = old.tables.front().second;
  out.create_sql = CreateSql(fresh);
  out.create_down_sql = fmt::format("DROP TABLE {};", fresh_name.ToSql());
  out.copy_sql = fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM {2};", fresh_name.ToSql(), columns, table.ToSql());
  out.swap_sql = Trimmed(RenameAwaySql(old) + RenameBackSql(fresh));
  out.swap_down_sql = Trimmed(RenameAwaySql(fresh) + RenameBackSql(old));
  out.drop_sql = fmt::format("DROP TABLE {};", old_name.ToSql());
  out.drop_down_sql = CreateSql(old) + fmt::format("\nINSERT INTO {0} ({1}) SELECT {1} FROM {2};", old_name.ToSql(), columns,
                                                   table.ToSql());
  return out;
}

}  // namespace dbarch::analyzers::diff
