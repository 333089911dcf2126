// libFuzzer target for the SQL front-end: arbitrary bytes through file checks, meta-command and COPY
// handling, splitting, parsing, and the DDL replay and workload analysis that walk the resulting trees.
// Build: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/catalog.h"
#include "model/workload.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"
#include "sql/source_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t bad = 0;
  if (text.find('\0') != std::string::npos || !dbarch::sql::IsValidUtf8(text, &bad)) return 0;  // rejected up front
  auto parsed = dbarch::sql::ParseString("fuzz.sql", text);
  if (!parsed.ok()) return 0;
  dbarch::model::Catalog catalog;
  dbarch::Diagnostics diagnostics;
  dbarch::sources::DdlReplayer replayer(&catalog);
  replayer.ApplyFile(*parsed, &diagnostics);
  dbarch::model::Workload workload;
  dbarch::sources::AddWorkloadFile(*parsed, catalog, &workload);
  return 0;
}
