// health/invalid-index: an index left INVALID by a failed CREATE/REINDEX CONCURRENTLY. The planner ignores
// it but every write still maintains it.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

// "CREATE [UNIQUE] INDEX name ON …" → "CREATE [UNIQUE] INDEX CONCURRENTLY name ON …".
std::string Concurrently(const std::string& definition) {
  const size_t index = definition.find("INDEX ");
  if (index == std::string::npos) return definition;
  return definition.substr(0, index + 6) + "CONCURRENTLY " + definition.substr(index + 6);
}

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds&, Findings* out) {
  for (const sources::HealthIndex& index : snapshot.indexes) {
    if (index.valid) continue;
    const std::string name = Qualified(index.schema, index.name);
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Index {} on {} is invalid: queries cannot use it, yet writes maintain it.",
                                            name, Qualified(index.schema, index.table)));
    f.evidence.push_back(fmt::format("pg_index.indisvalid = false; definition: {}", index.definition));
    f.evidence.push_back(fmt::format("size {}", Bytes(static_cast<double>(index.bytes))));
    f.explanation = index.unique
                        ? "A CREATE UNIQUE INDEX CONCURRENTLY that failed (usually on duplicate values) leaves the "
                          "index behind, invalid, and it still enforces uniqueness for new rows. Remove the "
                          "duplicates, drop it and build it again; REINDEX would fail the same way while they exist."
                        : "A CREATE INDEX CONCURRENTLY that failed or was cancelled leaves the index behind, invalid. "
                          "Drop it and build it again (or REINDEX INDEX CONCURRENTLY, which rebuilds it in place).";
    f.fix_sql = fmt::format("DROP INDEX CONCURRENTLY {};\n{};", name, Concurrently(index.definition));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& InvalidIndexCheck() {
  static const HealthCheck kCheck{"health/invalid-index", "indexes left invalid by a failed concurrent build", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
