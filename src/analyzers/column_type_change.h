// What ALTER COLUMN … TYPE … USING does to the stored values: PostgreSQL skips the table rewrite of a
// binary-coercible type change only when USING does not change the column's contents — no USING, `USING col`,
// or `USING col::new_type` (a cast it turns into a relabelling). Any other expression rewrites.
#pragma once

#include <string>

#include "pg_query.pb.h"

namespace dbarch::analyzers {

// True when the ALTER COLUMN TYPE definition `def` of `column` has a USING clause that computes new values.
bool UsingComputesNewValues(const pg_query::ColumnDef& def, const std::string& column);

}  // namespace dbarch::analyzers
