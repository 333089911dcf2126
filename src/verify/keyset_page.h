// The page rewrite/offset-to-keyset is proven on: a deep OFFSET of the original (a fraction of the table's rows,
// so the cost of skipping shows) and the cursor a client would hold there — the ORDER BY values of the row just
// before the page, read with the original's OFFSET one lower (KeysetPaging::cursor_sql).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzers/rewrite.h"
#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

using ParameterValues = std::vector<std::optional<std::string>>;

struct KeysetPage {
  long long offset = 0;             // the original's OFFSET
  long long wanted = 0;             // the OFFSET aimed at (the depth's share of the table's rows)
  ParameterValues original;         // for KeysetPaging::ordered_sql, the OFFSET set
  ParameterValues rewritten;        // for the rewritten query: the cursor in place of the OFFSET
};

// `sampled` holds values for the original's parameters (the OFFSET's is replaced). A parameter OFFSET starts at
// `depth` (0…1) of the table's rows and is quartered until a row lies before the page (the WHERE clause may
// keep fewer rows); a literal OFFSET is taken as written. Fails when no row precedes the page.
Result<KeysetPage> PickKeysetPage(PgConnection& connection, const analyzers::KeysetPaging& paging,
                                  const ParameterValues& sampled, double depth);

}  // namespace dbarch::verify
