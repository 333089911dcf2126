// Questions about one table answered from its rows rather than from a list of FDs: the closure of a set of
// columns (every column it determines), how many distinct values a set of columns takes, how much of the
// table backs an FD. Exact by construction, whatever limits the FD search had, which is why the normal-form
// judgement and the decomposition ask these.
#pragma once

#include <string>

#include "analyzers/normalize/attribute_set.h"
#include "analyzers/normalize/compressed_relation.h"
#include "analyzers/normalize/fd_discovery.h"

namespace dbarch::analyzers::normalize {

// How well the rows support X → A, and how natural X is as a key (Papenbrock & Naumann, EDBT 2017).
struct FdSupport {
  int rows = 0;
  int lhs_distinct = 0;     // distinct values of X
  int redundant_rows = 0;   // rows whose A is implied by an earlier row with the same X: rows - lhs_distinct
  bool lhs_has_nulls = false;
  double plausibility = 0;  // 0…1: short X, X to the left, short id-like values, many repeats
  bool accidental = false;  // too few repeated X values to trust: reported, not acted upon
};

class TableOracle {
 public:
  TableOracle(const TableData& table, const CompressedRelation& relation);

  // {A : X → A holds}, X included.
  AttributeSet Closure(const AttributeSet& x) const;
  int DistinctCount(const AttributeSet& x) const;
  bool HasNulls(const AttributeSet& x) const;
  // The plausibility of X as a key: mean of length (1/|X|), value (short values) and position (left) scores,
  // 0 when X holds NULLs.
  double KeyScore(const AttributeSet& x) const;
  FdSupport Support(const FunctionalDependency& fd) const;

  const TableData& table() const { return table_; }
  const CompressedRelation& relation() const { return relation_; }

 private:
  const TableData& table_;
  const CompressedRelation& relation_;
  std::vector<bool> has_nulls_;
  std::vector<double> avg_length_;
};

// "zip → city"
std::string FdText(const TableData& table, const FunctionalDependency& fd);
std::string ColumnsText(const TableData& table, const AttributeSet& columns);

}  // namespace dbarch::analyzers::normalize
