// health/duplicate-index: two indexes with the same table, method, columns, operator classes, collations,
// ordering, expressions and predicate. One of them only costs writes and space.
#include <map>

#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

// Which of two equal indexes to keep: the one a constraint uses, then the primary key, then a unique one
// (it also enforces something), then a valid one, then the one that is used more, then by name.
bool Better(const sources::HealthIndex& a, const sources::HealthIndex& b) {
  auto rank = [](const sources::HealthIndex& i) {
    return std::make_tuple(i.backs_constraint, i.primary, i.unique, i.valid, i.scans);
  };
  if (rank(a) != rank(b)) return rank(a) > rank(b);
  return a.name < b.name;
}

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds&, Findings* out) {
  std::map<std::string, std::vector<const sources::HealthIndex*>> by_signature;
  for (const sources::HealthIndex& index : snapshot.indexes) {
    if (!index.signature.empty()) by_signature[index.signature].push_back(&index);
  }
  for (const sources::HealthIndex& index : snapshot.indexes) {
    if (index.signature.empty()) continue;
    const auto& group = by_signature[index.signature];
    if (group.size() < 2) continue;
    const sources::HealthIndex* keep = group.front();
    for (const sources::HealthIndex* other : group) {
      if (Better(*other, *keep)) keep = other;
    }
    if (keep == &index) continue;
    const std::string name = Qualified(index.schema, index.name);
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Index {} duplicates {} on {}.", name, Qualified(keep->schema, keep->name),
                                            Qualified(index.schema, index.table)));
    f.evidence.push_back(fmt::format("{}: {} ({} scans, {})", index.name, index.definition, Count(static_cast<double>(index.scans)),
                                     Bytes(static_cast<double>(index.bytes))));
    f.evidence.push_back(fmt::format("{}: {} ({} scans, {}){}", keep->name, keep->definition,
                                     Count(static_cast<double>(keep->scans)), Bytes(static_cast<double>(keep->bytes)),
                                     keep->backs_constraint ? ", used by a constraint" : ""));
    f.explanation =
        "The two indexes have the same columns, operator classes, ordering, expressions and predicate, so the "
        "planner can use either for the same queries; the second one only slows every write and takes space. "
        "DROP INDEX CONCURRENTLY removes it without blocking reads or writes.";
    if (index.unique && !keep->unique) f.explanation += " This one is unique: it enforces a rule the other does not, keep it if that rule matters.";
    if (index.backs_constraint) {
      // Both back constraints (e.g. a UNIQUE constraint on the primary key's columns): the constraint goes, not
      // the index, and its name is not in the snapshot.
      f.fix_sql = fmt::format("-- {} backs a constraint: drop that constraint (ALTER TABLE {} DROP CONSTRAINT …)",
                              name, Qualified(index.schema, index.table));
    } else {
      f.fix_sql = fmt::format("DROP INDEX CONCURRENTLY {};", name);
    }
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& DuplicateIndexCheck() {
  static const HealthCheck kCheck{"health/duplicate-index", "indexes identical to another index on the same table", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
