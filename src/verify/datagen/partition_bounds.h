// A partition's bound (model::Table::partition_bound, e.g. "FOR VALUES FROM ('2025-01-01') TO
// ('2026-01-01')") read back into constants, so rows can be generated inside the partition they go to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "verify/datagen/check_constraints.h"

namespace dbarch::verify::datagen {

struct PartitionBound {
  enum class Kind { kRange, kList, kHash, kDefault };
  Kind kind = Kind::kRange;
  // Range: one entry per partition key column; nullopt for MINVALUE / MAXVALUE.
  std::vector<std::optional<Literal>> lower, upper;
  // List: the values (a NULL list entry is left out).
  std::vector<Literal> values;
  bool accepts_null = false;  // FOR VALUES IN (NULL, …)
  int modulus = 0, remainder = 0;
};

Result<PartitionBound> ParsePartitionBound(const std::string& bound_sql);

}  // namespace dbarch::verify::datagen
