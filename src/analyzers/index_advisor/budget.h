// The storage budget for new indexes as users write it (`--budget`): a size ("2GB", "512MB", "64kB", or bytes)
// or a share of the table data ("0.25x", "25%").
#pragma once

#include <cstdint>
#include <string>

#include "dbarch/status.h"

namespace dbarch::analyzers {

struct IndexBudget {
  int64_t bytes = 0;     // 0 = no size given
  double fraction = 0;   // of the table data; 0 = none given
};

// "" → no budget. Units are binary (1 kB = 1024 B), case-insensitive. kInvalidInput with the expected forms.
Result<IndexBudget> ParseIndexBudget(const std::string& text);

}  // namespace dbarch::analyzers
