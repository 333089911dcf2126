// The highest normal form a table satisfies, judged on its data, with the evidence for each violation:
//
//   1NF  atomic values and a relation: no lists or JSON documents in a column, no repeated column groups
//        (phone1, phone2, phone3), no duplicate rows;
//   2NF  no non-key column depends on part of a candidate key;
//   3NF  no non-key column depends on columns that are not a key (a transitive dependency);
//   BCNF every determinant is a key.
//
// Keys are the minimal unique column combinations; the columns that count as prime (part of a key) are those
// of the smallest keys, since on a few hundred rows many wider combinations are unique by chance.
// Dependencies are the discovered minimal FDs, grouped by left-hand side. FDs the
// data supports too thinly to trust (fd_support.h: accidental) are listed but do not decide the form, and
// constant columns (∅ → A) are noted in the profile rather than counted as partial dependencies.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/column_profile.h"
#include "analyzers/normalize/fd_discovery.h"
#include "analyzers/normalize/fd_support.h"
#include "analyzers/normalize/ucc_discovery.h"

namespace dbarch::analyzers::normalize {

enum class NormalForm { kUnnormalized = 0, k1NF = 1, k2NF = 2, k3NF = 3, kBCNF = 4 };
std::string NormalFormName(NormalForm form);  // "BCNF", "3NF", …, "not 1NF"

struct NormalFormViolation {
  NormalForm breaks = NormalForm::k1NF;  // the normal form this violation rules out
  std::string kind;                      // non-atomic-list, non-atomic-json, repeated-group, duplicate-rows,
                                         // partial-dependency, transitive-dependency, non-key-determinant
  std::vector<int> columns;              // concerned columns (for 1NF findings)
  bool has_fd = false;
  FunctionalDependency fd;               // X → A for the first A; rhs holds every A with the same X and kind
  AttributeSet rhs;
  FdSupport support;
  std::string evidence;                  // one sentence with the numbers
};

struct NormalFormReport {
  NormalForm highest = NormalForm::kBCNF;
  std::vector<NormalFormViolation> violations;   // sorted: the form they break, then plausibility
  std::vector<NormalFormViolation> accidental;   // FDs that would violate BCNF but look accidental
  std::vector<AttributeSet> keys;                // every minimal unique column combination (superkey tests)
  std::vector<AttributeSet> trusted_keys;        // the smallest ones: prime attributes and partial dependencies
};

NormalFormReport JudgeNormalForm(const TableOracle& oracle, const std::vector<ColumnProfile>& profile,
                                 const FdResult& fds, const UccResult& uccs);

}  // namespace dbarch::analyzers::normalize
