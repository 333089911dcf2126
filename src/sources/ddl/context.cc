// ReplayContext: name resolution, locations and diagnostics for the statement being replayed.
#include <fmt/format.h>

#include <algorithm>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {

model::QualifiedName ReplayContext::ResolveRelation(const pg_query::RangeVar& rv) const {
  model::QualifiedName name = Resolve(rv);
  if (rv.schemaname().empty() && *current_schema != "public") {
    auto exists = [&](const model::QualifiedName& n) {
      return catalog->tables.count(n) || catalog->views.count(n) || catalog->sequences.count(n);
    };
    model::QualifiedName in_public{"public", rv.relname()};
    if (!exists(name) && exists(in_public)) return in_public;
  }
  return name;
}

SourceLocation ReplayContext::Where(int node_location) const {
  SourceLocation loc = statement->location;
  const int node_offset = statement->NodeOffset(node_location);
  if (node_offset < 0 || static_cast<std::size_t>(node_offset) >= statement->text.size()) return loc;
  // Node offsets are relative to the statement text; walk it to turn the offset into line:column.
  const std::string& text = statement->text;
  std::size_t offset = static_cast<std::size_t>(node_offset);
  std::size_t last_newline = std::string::npos;
  int newlines = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++newlines;
      last_newline = i;
    }
  }
  loc.line += newlines;
  loc.column = last_newline == std::string::npos ? loc.column + static_cast<int>(offset)
                                                 : static_cast<int>(offset - last_newline);
  loc.byte_offset += offset;
  loc.length = 0;
  return loc;
}

void ReplayContext::Warn(std::string code, std::string message, int node_location) {
  diagnostics->push_back({Severity::kWarning, Where(node_location), std::move(code), std::move(message)});
}

void ReplayContext::Info(std::string code, std::string message, int node_location) {
  diagnostics->push_back({Severity::kInfo, Where(node_location), std::move(code), std::move(message)});
}

void ReplayContext::UnknownObject(std::string_view kind, std::string_view name) {
  Warn("unknown-object", fmt::format("{} {} does not exist (not created by the replayed DDL); statement ignored",
                                     kind, name));
}

model::Table* ReplayContext::FindTable(const model::QualifiedName& name, bool warn_if_missing) {
  model::Table* table = catalog->FindTable(name);
  if (!table && warn_if_missing) UnknownObject("table", name.ToString());
  return table;
}

namespace {

bool IsChildOf(const model::Table& table, const model::QualifiedName& parent) {
  return table.partition_of == parent ||
         std::find(table.inherits.begin(), table.inherits.end(), parent) != table.inherits.end();
}

bool References(const model::Table& table, const model::QualifiedName& referenced) {
  return std::any_of(table.constraints.begin(), table.constraints.end(), [&](const model::Constraint& c) {
    return c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == referenced;
  });
}

// The tables named in `hints[key]` (or, without hints, all tables of the catalog) for which `keep` holds.
template <typename Keep>
std::vector<model::Table*> TablesWhere(model::Catalog& catalog,
                                       const std::map<model::QualifiedName, std::set<model::QualifiedName>>* hints,
                                       const model::QualifiedName& key, Keep keep) {
  std::vector<model::Table*> out;
  if (!hints) {
    for (auto& [name, table] : catalog.tables)
      if (keep(table)) out.push_back(&table);
    return out;
  }
  auto names = hints->find(key);
  if (names == hints->end()) return out;
  for (const auto& name : names->second) {
    model::Table* table = catalog.FindTable(name);
    if (table && keep(*table)) out.push_back(table);
  }
  return out;
}

}  // namespace

std::vector<model::Table*> ReplayContext::ChildrenOf(const model::QualifiedName& parent) {
  return TablesWhere(*catalog, hints ? &hints->children_of : nullptr, parent,
                     [&](const model::Table& t) { return IsChildOf(t, parent); });
}

std::vector<model::Table*> ReplayContext::TablesReferencing(const model::QualifiedName& referenced) {
  return TablesWhere(*catalog, hints ? &hints->referencing : nullptr, referenced,
                     [&](const model::Table& t) { return References(t, referenced); });
}

void RelationHints::Seed(const model::Catalog& catalog) {
  for (const auto& [name, table] : catalog.tables) Note(table);
  for (const auto& [name, seq] : catalog.sequences) sequence_owner_columns.insert(seq.owned_by_column);
}

void RelationHints::Note(const model::Table& table) {
  if (table.partition_of) children_of[*table.partition_of].insert(table.name);
  for (const auto& parent : table.inherits) children_of[parent].insert(table.name);
  for (const auto& c : table.constraints) {
    if (c.kind == model::ConstraintKind::kForeignKey) NoteForeignKey(table.name, c);
  }
}

void RelationHints::NoteForeignKey(const model::QualifiedName& table, const model::Constraint& foreign_key) {
  referencing[foreign_key.referenced_table].insert(table);
  for (const auto& column : foreign_key.referenced_columns) referenced_columns.insert({foreign_key.referenced_table, column});
}

void RelationHints::Renamed(const model::QualifiedName& from, const model::QualifiedName& to) {
  for (auto* index : {&children_of, &referencing}) {
    for (auto& [key, names] : *index) {
      if (names.count(from)) names.insert(to);
    }
    auto old_key = index->find(from);
    if (old_key != index->end()) {
      std::set<model::QualifiedName> names = old_key->second;
      (*index)[to].insert(names.begin(), names.end());
    }
  }
  for (auto it = referenced_columns.lower_bound({from, ""}); it != referenced_columns.end() && it->first == from; ++it) {
    referenced_columns.insert({to, it->second});  // `to` sorts apart from `from`: the range is not disturbed
  }
}

}  // namespace dbarch::sources::ddl
