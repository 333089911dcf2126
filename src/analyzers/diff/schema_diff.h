// The structured difference between two schemas: which objects were added, dropped or changed, and in
// which fields. It is built from model/catalog_compare.h's differences — one implementation of "are
// these equal", with expressions canonicalized — grouped by object, so the planner
// (analyzers/diff/diff_planner.h) can act on each object with both of its versions at hand.
//
// Renames: a table dropped and another added with the same columns, or a column dropped and another added
// in the same table with the same type and nullability, are reported as rename candidates. They are
// applied only when the caller confirms them (DiffOptions::renames, from `--allow-rename old=new`), never
// silently: an unconfirmed candidate stays a drop and an add, and the drop loses data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/catalog_compare.h"

namespace dbarch::analyzers::diff {

enum class ChangeKind { kAdded, kDropped, kChanged };
std::string_view ChangeKindName(ChangeKind kind);  // "added", "dropped", "changed"

struct FieldChange {
  std::string field;  // CompareCatalogs' field name: "type", "not_null", "default", "definition", "values", …
  std::string from;
  std::string to;
};

struct ObjectChange {
  model::ObjectRef ref;
  ChangeKind change = ChangeKind::kChanged;
  std::string object;               // "column public.orders.total", as CompareCatalogs names it
  std::vector<FieldChange> fields;  // kChanged only
  const FieldChange* Field(std::string_view name) const;
};

// A rename: of a table (`table` is the old name, `to` the new name in the same schema) or of a column of
// `table` (`column` the old name, `to` the new one).
struct Rename {
  model::QualifiedName table;
  std::string column;  // empty for a table rename
  std::string to;
  std::string ToString() const;  // "public.orders → purchases", "public.orders.total → amount"
  friend bool operator==(const Rename&, const Rename&) = default;
};

// Parses `--allow-rename` values: "[schema.]table=new_table" or "[schema.]table.column=new_column"
// (a new name without a dot after a dotted old name of three parts, or of two parts naming an existing
// table's column, is a column rename).
Result<Rename> ParseRename(const std::string& spec, const model::Catalog& from);

struct RenameCandidate {
  Rename rename;
  bool applied = false;  // confirmed by the caller
  std::string evidence;  // "same 4 columns", "same type integer NOT NULL"
};

struct DiffOptions {
  std::vector<Rename> renames;  // confirmed renames
};

struct SchemaDiff {
  // `from` with the confirmed renames applied: the schema the changes lead away from.
  model::Catalog renamed_from;
  std::vector<Rename> applied_renames;
  std::vector<ObjectChange> changes;  // in CompareCatalogs' order (schemas, extensions, tables, …)
  std::vector<RenameCandidate> rename_candidates;
  bool empty() const { return changes.empty() && applied_renames.empty(); }
};

// Fails when a confirmed rename names an object that does not exist in `from`.
Result<SchemaDiff> DiffCatalogs(const model::Catalog& from, const model::Catalog& to, const DiffOptions& options = {});

// The catalog with the rename done the way PostgreSQL does it: references from constraints, indexes,
// foreign keys of other tables, sequences, triggers and policies follow; index and constraint names stay.
Status ApplyRename(const Rename& rename, model::Catalog* catalog);

}  // namespace dbarch::analyzers::diff
