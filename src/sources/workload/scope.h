// Name resolution for one query level (a SELECT, or the target and FROM/USING of an INSERT, UPDATE,
// DELETE or MERGE): the relations visible under which names, the CTEs defined there, and the link to the
// enclosing level for correlated sub-queries. It follows PostgreSQL's rules (parse_relation.c) closely
// enough for the queries applications run: inner levels first; an unqualified column must match exactly
// one relation of the first level that has it; USING/NATURAL join columns are merged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/workload.h"

namespace dbarch::sources::workload {

// An output column of a relation, with the table (or view) column it is, when it is one unchanged.
// Sub-query and CTE columns carry the origin of a plain column reference so that a filter on
// `recent.customer_id` is seen as a filter on `orders.customer_id`.
struct DerivedColumn {
  std::string name;
  std::optional<model::ColumnRef> origin;
};

// The columns a sub-query, CTE or view produces. complete is false when they cannot be known
// (a `*` over a function result, an unresolved table): references to it are then accepted unchecked.
struct OutputColumns {
  std::vector<DerivedColumn> columns;
  bool complete = true;
};

// A relation visible in a FROM clause under a name.
struct RangeEntry {
  enum class Kind {
    kTable,    // a catalog table: columns have origin table.column
    kView,     // a catalog view: columns have origin view.column
    kDerived,  // sub-query, CTE reference, VALUES, function with known columns
    kOpaque,   // columns unknown: unresolved relation, system catalog, set-returning function
  };
  Kind kind = Kind::kOpaque;
  std::string name;               // the alias, or the relation's own name
  model::QualifiedName relation;  // tables and views
  OutputColumns output;

  const DerivedColumn* FindColumn(const std::string& column) const;
  bool columns_known() const { return kind != Kind::kOpaque && output.complete; }
};

// Outcome of looking a column reference up.
struct ColumnLookup {
  enum class Outcome {
    kFound,          // column (and entry) set
    kUnchecked,      // a relation with unknown columns could hold it: no verdict
    kWholeRow,       // the name is a relation (a whole-row reference such as `c` in `SELECT c FROM customers c`)
    kAmbiguous,      // candidates lists the relations that have it
    kNoSuchColumn,
    kNoSuchRelation  // the qualifier names no relation in scope
  };
  Outcome outcome = Outcome::kNoSuchColumn;
  const RangeEntry* entry = nullptr;
  const DerivedColumn* column = nullptr;
  std::vector<std::string> candidates;
};

class Scope {
 public:
  // hide_parent_entries: the parent's FROM entries are not visible (a non-LATERAL sub-query in FROM, or
  // the SELECT of an INSERT), though its CTEs and the levels above it still are.
  explicit Scope(const Scope* parent = nullptr, bool hide_parent_entries = false)
      : parent_(parent), hide_parent_entries_(hide_parent_entries) {}
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  void AddEntry(RangeEntry entry) { entries_.push_back(std::move(entry)); }
  void AddCte(const std::string& name, OutputColumns output) { ctes_.emplace_back(name, std::move(output)); }
  // Replaces the columns of a CTE added earlier (a recursive CTE is added before its body is walked).
  void UpdateCte(const std::string& name, OutputColumns output);
  // A USING/NATURAL join column: unqualified references to it mean the merged column, not ambiguity.
  void AddMergedColumn(DerivedColumn column) { merged_.push_back(std::move(column)); }

  const std::vector<RangeEntry>& entries() const { return entries_; }
  const OutputColumns* FindCte(const std::string& name) const;

  // schema may be empty; catalog is ignored like PostgreSQL does for the current database.
  ColumnLookup LookupColumn(const std::string& schema, const std::string& relation,
                            const std::string& column) const;
  // The entry a qualifier (`o` in o.id, or `public.orders`) names, searching outwards; nullptr if none.
  const RangeEntry* FindEntry(const std::string& schema, const std::string& name) const;

 private:
  // Searches this level only (entries unless hidden); nullopt when the column is not here.
  std::optional<ColumnLookup> LookupUnqualifiedHere(const std::string& column, bool include_entries) const;

  const Scope* parent_;
  bool hide_parent_entries_;
  std::vector<RangeEntry> entries_;
  std::vector<std::pair<std::string, OutputColumns>> ctes_;
  std::vector<DerivedColumn> merged_;
};

}  // namespace dbarch::sources::workload
