// Schema design from one table's data: a lossless decomposition into BCNF, choosing at each step the
// violating FD X → Y whose X makes the most natural key (Papenbrock & Naumann, "Data-driven Schema
// Normalization", EDBT 2017: short, to the left, no NULLs, short id-like values), then a check that every
// trusted FD is still enforceable inside one table (dependency preservation). When BCNF would lose one, the
// 3NF synthesis (Bernstein) of the trusted FDs is proposed instead, which keeps them all.
//
// Trusted FDs are those the data backs with repeated values (fd_support.h); accidental ones never split a
// table. Every split X → Y leaves X in both parts with X a key of the split-off part, so the natural join
// of the parts gives back exactly the original rows (verified for real by verify/design_check.h).
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/column_profile.h"
#include "analyzers/normalize/normal_forms.h"

namespace dbarch::analyzers::normalize {

struct DesignedTable {
  std::string name;
  std::vector<int> columns;  // columns of the original table: key columns first, then in original order
  AttributeSet attributes;
  AttributeSet primary_key;  // empty when no key without NULLs exists
  struct ForeignKey {
    std::vector<int> columns;
    int referenced = 0;      // index into Decomposition::tables; the referenced columns have the same names
  };
  std::vector<ForeignKey> foreign_keys;
  std::string origin;        // why it exists: "split off by customer_id → customer_name, email"
};

struct Decomposition {
  std::string method;                       // "BCNF decomposition", "3NF synthesis" or "unchanged"
  std::vector<DesignedTable> tables;        // referenced tables before the tables referring to them
  std::vector<std::string> steps;           // the splits in order, for the report
  std::vector<FunctionalDependency> lost;   // trusted FDs BCNF would not preserve (why 3NF synthesis was used)
  bool dependency_preserving = true;
};

Decomposition Decompose(const TableOracle& oracle, const NormalFormReport& normal_form, const FdResult& fds);

// A lower-case SQL identifier for a column or table name ("Customer Name" → customer_name).
std::string SqlName(const std::string& name);

}  // namespace dbarch::analyzers::normalize
