// health/sequence-exhaustion: a sequence that has used most of its range; nextval() fails at the end.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthSequence& sequence : snapshot.sequences) {
    if (!sequence.last_value) continue;
    // Ascending sequences run out at max_value, descending ones at min_value.
    const bool ascending = sequence.increment > 0;
    const double limit = ascending ? static_cast<double>(sequence.max_value) : static_cast<double>(sequence.min_value);
    if (limit == 0) continue;
    const double used = static_cast<double>(*sequence.last_value) / limit;
    if (used < limits.sequence_used_warning) continue;
    const std::string name = Qualified(sequence.schema, sequence.name);
    Finding f = self.NewFinding(used >= limits.sequence_used_error ? Severity::kError : Severity::kWarning, name,
                                fmt::format("Sequence {} ({}) has used {} of its range.", name, sequence.data_type,
                                            Percent(used)));
    f.evidence.push_back(fmt::format("last_value {} of {} {}", Count(static_cast<double>(*sequence.last_value)),
                                     ascending ? "max_value" : "min_value", Count(limit)));
    f.evidence.push_back(fmt::format("values left: {} (increment {})",
                                     Count((limit - static_cast<double>(*sequence.last_value)) / sequence.increment),
                                     sequence.increment));
    f.explanation = fmt::format(
        "When the sequence reaches its limit nextval() fails and every INSERT that needs a new id fails with it. "
        "Thresholds: warning {}, error {} of the range. ALTER SEQUENCE … AS bigint widens the sequence at once "
        "(no table rewrite); columns it fills must be bigint as well (health/integer-column-overflow).",
        Percent(limits.sequence_used_warning), Percent(limits.sequence_used_error));
    f.fix_sql = sequence.data_type == "bigint"
                    ? fmt::format("-- a bigint sequence this far along: check for a runaway writer or a large "
                                  "increment before anything else\nSELECT * FROM pg_sequences WHERE schemaname = {} "
                                  "AND sequencename = {};",
                                  Literal(sequence.schema), Literal(sequence.name))
                    : fmt::format("ALTER SEQUENCE {} AS bigint;", name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& SequenceExhaustionCheck() {
  static const HealthCheck kCheck{"health/sequence-exhaustion", "sequences near the end of their range", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
