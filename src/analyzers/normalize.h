// `dbarch normalize` and `dbarch design` as one analysis: for each table (normalize/table_data.h) its
// column profile, minimal FDs, candidate keys, normal form with evidence and proposed decomposition, and
// the unary inclusion dependencies between the tables. See docs/normalization.md; the parts live in
// normalize/ (one step per file).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzers/normalize/column_profile.h"
#include "analyzers/normalize/compressed_relation.h"
#include "analyzers/normalize/decomposition.h"
#include "analyzers/normalize/fd_discovery.h"
#include "analyzers/normalize/fd_support.h"
#include "analyzers/normalize/inclusion_dependencies.h"
#include "analyzers/normalize/normal_forms.h"
#include "analyzers/normalize/table_data.h"
#include "analyzers/normalize/ucc_discovery.h"
#include "dbarch/status.h"

namespace dbarch::analyzers {

struct NormalizeOptions {
  normalize::NullSemantics nulls = normalize::NullSemantics::kNullEqualsNull;
  normalize::FdOptions fd;
  normalize::UccOptions ucc;
};

struct TableNormalization {
  normalize::TableData data;
  std::unique_ptr<normalize::CompressedRelation> relation;  // NULL = NULL, for keys and closures
  std::unique_ptr<normalize::TableOracle> oracle;
  std::vector<normalize::ColumnProfile> profile;
  normalize::FdResult fds;
  double fd_seconds = 0;
  normalize::UccResult keys;
  normalize::NormalFormReport normal_form;
  normalize::Decomposition decomposition;
};

struct NormalizeResult {
  std::vector<TableNormalization> tables;  // never resized after Normalize: oracles point into them
  std::vector<normalize::InclusionDependency> inclusion_dependencies;
};

// Fails (kInvalidInput) on a table wider than AttributeSet::kMaxAttributes columns.
Result<NormalizeResult> Normalize(std::vector<normalize::TableData> tables, const NormalizeOptions& options);

}  // namespace dbarch::analyzers
