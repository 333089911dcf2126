#include "analyzers/diff/schema_diff.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "sql/canonical_expression.h"

namespace dbarch::analyzers::diff {
namespace {

using model::ObjectKind;

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == separator) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

// The shape of a table's columns: names, types and nullability in order.
std::string ColumnShape(const model::Table& table) {
  std::string out;
  for (const auto& c : table.columns) out += c.name + " " + c.type.ToSql() + (c.not_null ? " NOT NULL" : "") + ", ";
  return out;
}

std::string ColumnType(const model::Column& c) {
  return c.type.ToSql() + (c.not_null ? " NOT NULL" : "");
}

void RenameIn(std::vector<std::string>* names, const std::string& from, const std::string& to) {
  for (auto& n : *names) {
    if (n == from) n = to;
  }
}

void FindRenameCandidates(const model::Catalog& from, const model::Catalog& to, const std::vector<ObjectChange>& changes,
                          const std::vector<Rename>& applied, std::vector<RenameCandidate>* out) {
  auto is_applied = [&](const Rename& r) { return std::find(applied.begin(), applied.end(), r) != applied.end(); };
  std::vector<const ObjectChange*> dropped_tables, added_tables;
  std::map<model::QualifiedName, std::vector<const ObjectChange*>> dropped_columns, added_columns;
  for (const auto& c : changes) {
    if (c.ref.kind == ObjectKind::kTable && c.change == ChangeKind::kDropped) dropped_tables.push_back(&c);
    if (c.ref.kind == ObjectKind::kTable && c.change == ChangeKind::kAdded) added_tables.push_back(&c);
    if (c.ref.kind == ObjectKind::kColumn && c.change == ChangeKind::kDropped) dropped_columns[c.ref.name].push_back(&c);
    if (c.ref.kind == ObjectKind::kColumn && c.change == ChangeKind::kAdded) added_columns[c.ref.name].push_back(&c);
  }
  for (const auto* d : dropped_tables) {
    const model::Table* old_table = from.FindTable(d->ref.name);
    for (const auto* a : added_tables) {
      const model::Table* new_table = to.FindTable(a->ref.name);
      if (!old_table || !new_table || a->ref.name.schema != d->ref.name.schema) continue;
      if (old_table->columns.empty() || ColumnShape(*old_table) != ColumnShape(*new_table)) continue;
      Rename r{d->ref.name, "", a->ref.name.name};
      out->push_back({r, is_applied(r), fmt::format("same {} columns", old_table->columns.size())});
    }
  }
  for (const auto& [table, dropped] : dropped_columns) {
    auto added = added_columns.find(table);
    if (added == added_columns.end()) continue;
    const model::Table* old_table = from.FindTable(table);
    const model::Table* new_table = to.FindTable(table);
    if (!old_table || !new_table) continue;
    for (const auto* d : dropped) {
      const model::Column* old_column = old_table->FindColumn(d->ref.member);
      for (const auto* a : added->second) {
        const model::Column* new_column = new_table->FindColumn(a->ref.member);
        if (!old_column || !new_column || ColumnType(*old_column) != ColumnType(*new_column)) continue;
        Rename r{table, d->ref.member, a->ref.member};
        out->push_back({r, is_applied(r), "same type " + ColumnType(*old_column)});
      }
    }
  }
}

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kDropped: return "dropped";
    case ChangeKind::kChanged: return "changed";
  }
  return "changed";
}

const FieldChange* ObjectChange::Field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.field == name) return &f;
  }
  return nullptr;
}

std::string Rename::ToString() const {
  return column.empty() ? fmt::format("{} → {}", table.ToString(), to)
                        : fmt::format("{}.{} → {}", table.ToString(), column, to);
}

Result<Rename> ParseRename(const std::string& spec, const model::Catalog& from) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Status::InvalidInput("--allow-rename expects old=new, e.g. orders=purchases or orders.total=amount: " + spec);
  }
  std::vector<std::string> old_parts = Split(spec.substr(0, eq), '.');
  std::vector<std::string> new_parts = Split(spec.substr(eq + 1), '.');
  Rename r;
  r.to = new_parts.back();
  auto table_named = [&](const std::vector<std::string>& parts) {
    return parts.size() == 1 ? model::QualifiedName{"public", parts[0]} : model::QualifiedName{parts[0], parts[1]};
  };
  if (old_parts.size() == 3) {
    r.table = {old_parts[0], old_parts[1]};
    r.column = old_parts[2];
  } else if (old_parts.size() == 2 && new_parts.size() == 1 && !from.FindTable(table_named(old_parts)) &&
             from.FindTable(model::QualifiedName{"public", old_parts[0]})) {
    r.table = {"public", old_parts[0]};
    r.column = old_parts[1];
  } else if (old_parts.size() <= 2) {
    r.table = table_named(old_parts);
  } else {
    return Status::InvalidInput("--allow-rename: too many name parts in " + spec);
  }
  return r;
}

Status ApplyRename(const Rename& rename, model::Catalog* catalog) {
  auto it = catalog->tables.find(rename.table);
  if (it == catalog->tables.end()) {
    return Status::InvalidInput("--allow-rename: no table " + rename.table.ToString() + " in the source schema");
  }
  if (!rename.column.empty()) {
    model::Table& table = it->second;
    model::Column* column = table.FindColumn(rename.column);
    if (!column) {
      return Status::InvalidInput("--allow-rename: no column " + rename.column + " in " + rename.table.ToString());
    }
    column->name = rename.to;
    for (auto& c : table.constraints) {
      RenameIn(&c.columns, rename.column, rename.to);
      RenameIn(&c.include_columns, rename.column, rename.to);
      for (auto& e : c.exclusion_elements) {
        if (e.column_or_expression == rename.column) e.column_or_expression = rename.to;
      }
    }
    RenameIn(&table.partition_keys, rename.column, rename.to);
    for (auto& [name, other] : catalog->tables) {
      for (auto& c : other.constraints) {
        if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == rename.table) {
          RenameIn(&c.referenced_columns, rename.column, rename.to);
        }
      }
    }
    for (const model::Index* on_table : catalog->IndexesOn(rename.table)) {
      catalog->indexes.Modify(on_table->name, [&](model::Index& index) {
        for (auto& k : index.keys) {
          if (k.column == rename.column) k.column = rename.to;
        }
        RenameIn(&index.include_columns, rename.column, rename.to);
      });
    }
    for (auto& [name, seq] : catalog->sequences) {
      if (seq.owned_by_table == rename.table && seq.owned_by_column == rename.column) seq.owned_by_column = rename.to;
    }
    for (auto& t : catalog->triggers) {
      if (t.table == rename.table) RenameIn(&t.update_columns, rename.column, rename.to);
    }
    return Status::Ok();
  }
  model::QualifiedName new_name{rename.table.schema, rename.to};
  if (catalog->tables.count(new_name)) {
    return Status::InvalidInput("--allow-rename: " + new_name.ToString() + " already exists in the source schema");
  }
  model::Table table = std::move(it->second);
  catalog->tables.erase(it);
  table.name = new_name;
  catalog->tables.emplace(new_name, std::move(table));
  auto follow = [&](model::QualifiedName& name) {
    if (name == rename.table) name = new_name;
  };
  for (auto& [name, t] : catalog->tables) {
    for (auto& c : t.constraints) follow(c.referenced_table);
    for (auto& parent : t.inherits) follow(parent);
    if (t.partition_of) follow(*t.partition_of);
  }
  for (const model::Index* index : catalog->IndexesOn(rename.table)) {
    catalog->indexes.Modify(index->name, [&](model::Index& i) { follow(i.table); });
  }
  for (auto& [name, seq] : catalog->sequences) {
    if (seq.owned_by_table) follow(*seq.owned_by_table);
  }
  for (auto& t : catalog->triggers) follow(t.table);
  for (auto& p : catalog->policies) follow(p.table);
  for (auto& [name, view] : catalog->views) {
    for (auto& r : view.reads) follow(r);
  }
  return Status::Ok();
}

Result<SchemaDiff> DiffCatalogs(const model::Catalog& from, const model::Catalog& to, const DiffOptions& options) {
  SchemaDiff diff;
  diff.renamed_from = from;
  for (const auto& r : options.renames) {
    Status applied = ApplyRename(r, &diff.renamed_from);
    if (!applied.ok()) return applied;
    diff.applied_renames.push_back(r);
  }
  auto differences = model::CompareCatalogs(diff.renamed_from, to, sql::CatalogCanonicalizer());
  std::map<model::ObjectRef, std::size_t> by_object;
  for (auto& d : differences) {
    auto found = by_object.find(d.ref);
    if (found == by_object.end()) {
      ObjectChange change;
      change.ref = d.ref;
      change.object = d.object;
      if (d.field.empty()) change.change = d.left == "(absent)" ? ChangeKind::kAdded : ChangeKind::kDropped;
      found = by_object.emplace(d.ref, diff.changes.size()).first;
      diff.changes.push_back(std::move(change));
    }
    if (!d.field.empty()) diff.changes[found->second].fields.push_back({d.field, d.left, d.right});
  }
  // Candidates are looked for against the original names, so an applied rename is shown as confirmed.
  auto original = options.renames.empty() ? differences : model::CompareCatalogs(from, to, sql::CatalogCanonicalizer());
  std::vector<ObjectChange> original_changes;
  for (const auto& d : original) {
    if (!d.field.empty()) continue;
    ObjectChange c;
    c.ref = d.ref;
    c.change = d.left == "(absent)" ? ChangeKind::kAdded : ChangeKind::kDropped;
    original_changes.push_back(std::move(c));
  }
  FindRenameCandidates(from, to, original_changes, diff.applied_renames, &diff.rename_candidates);
  return diff;
}

}  // namespace dbarch::analyzers::diff
