// libFuzzer target for CSV input: arbitrary bytes through encoding detection, delimiter and header detection
// and RFC 4180 parsing; a table that parses then goes through the whole normalization analysis (profile,
// FD discovery with small limits, keys, normal forms, decomposition, design SQL), with an invariant checked:
// every row has the header's width. Build: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analyzers/normalize.h"
#include "analyzers/normalize/design_sql.h"
#include "sources/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto table = dbarch::sources::ParseCsv(text, "fuzz.csv");
  if (!table.ok()) return 0;
  for (const auto& row : table->rows)
    if (row.size() != table->columns.size()) std::abort();
  if (table->columns.size() > 16 || table->rows.size() > 200) return 0;  // keep each input fast
  dbarch::analyzers::normalize::TableData t;
  t.name = table->name;
  t.source = "fuzz.csv";
  t.columns = table->columns;
  t.rows = table->rows;
  dbarch::analyzers::NormalizeOptions options;
  options.fd.max_lhs = 4;
  options.fd.time_budget_s = 1;
  options.ucc.max_size = 4;
  auto result = dbarch::analyzers::Normalize({t}, options);
  if (!result.ok()) return 0;
  const auto& n = result->tables.front();
  (void)dbarch::analyzers::normalize::BuildDesignSql(n.data, n.profile, n.decomposition, table->has_header);
  return 0;
}
