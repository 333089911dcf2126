// Facts about a catalog that several schema checks need: the indexes that really exist on a table
// (including the ones PostgreSQL creates behind PRIMARY KEY / UNIQUE / EXCLUDE constraints and the ones
// a partition inherits from its parent), and what a column's default says about it.
#pragma once

#include <map>

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::analyzers::schema {

// Every index PostgreSQL would have on the table: catalog indexes, plus an implicit one for each
// PK/UNIQUE/EXCLUDE constraint that has no index entry of its own (the DDL did not name it), plus,
// for a partition, its parent's indexes (PostgreSQL creates matching indexes on every partition).
std::vector<model::Index> EffectiveIndexes(const model::Catalog& catalog, const model::QualifiedName& table);

// The table's own indexes: catalog indexes plus the implicit constraint indexes (nothing inherited).
std::vector<model::Index> OwnIndexes(const model::Catalog& catalog, const model::Table& table);

// The index backs a PRIMARY KEY, UNIQUE or EXCLUDE constraint (dropping it means dropping the constraint).
bool BacksConstraint(const model::Index& index);

// Plain column names of the first n keys; std::nullopt when one of them is an expression.
std::optional<std::vector<std::string>> LeadingColumns(const model::Index& index, std::size_t n);

// A table that is a partition of another table in the catalog: its design follows the parent's.
bool IsPartition(const model::Table& table);

// The sequence OWNED BY each column of a catalog, indexed once: a check that asks for every column would
// otherwise scan every sequence per column.
class SequenceOwners {
 public:
  explicit SequenceOwners(const model::Catalog& catalog);
  // The first sequence (by name) owned by the column, or nullptr.
  const model::QualifiedName* Find(const model::QualifiedName& table, const std::string& column) const;

 private:
  std::map<std::pair<model::QualifiedName, std::string>, model::QualifiedName> owned_;
};

// The sequence a column's default draws from (`nextval('seq'::regclass)`), read from the parse tree of
// the default; falls back to a sequence OWNED BY the column.
std::optional<model::QualifiedName> DefaultSequence(const SequenceOwners& owners, const model::Table& table,
                                                    const model::Column& column);

// Human-readable index description for evidence: "public.orders_customer_id_idx (customer_id, created_at)".
std::string DescribeIndex(const model::Index& index);

// "public.orders.customer_id" / "public.orders.(a, b)".
std::string ColumnsObject(const model::QualifiedName& table, const std::vector<std::string>& columns);

// Location of a column if known, else of its table.
SourceLocation ColumnLocation(const model::Table& table, const std::string& column);

}  // namespace dbarch::analyzers::schema
