// `dbarch diff` output: the plan as one SQL script (with each step's lock, rewrite and rollback facts as
// comments), as JSON, or as Flyway-style versioned files (V<n>__<desc>.sql up, U<n>__<desc>.sql undo, and a
// V<n>__<desc>.sql.conf with executeInTransaction=false for steps that cannot run in a transaction), plus
// the short summary printed on stderr.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/diff/diff_planner.h"
#include "analyzers/diff/schema_diff.h"
#include "verify/diff_roundtrip.h"

namespace dbarch::report {

// The up script, with a header (changes, refused steps, what rollback cannot restore, plan notes).
std::string DiffPlanSql(const analyzers::diff::SchemaDiff& diff, const analyzers::diff::DiffPlan& plan);
// The down script (the steps' rollbacks in reverse order).
std::string DiffPlanDownSql(const analyzers::diff::DiffPlan& plan);
nlohmann::json DiffPlanJson(const analyzers::diff::SchemaDiff& diff, const analyzers::diff::DiffPlan& plan);
// File name → content; versions start at first_version.
std::map<std::string, std::string> DiffPlanFlyway(const analyzers::diff::DiffPlan& plan, int first_version);
// `--verify`'s result: each stage with its differences, then each up step's measured locks against its
// claim (steps whose claim is too weak marked FAILED), then the verdict.
std::string DiffVerificationText(const verify::DiffRoundTripResult& result);
nlohmann::json DiffVerificationJson(const verify::DiffRoundTripResult& result);
// A few lines: what changed, rename candidates, refused and unplanned changes.
std::string DiffSummary(const analyzers::diff::SchemaDiff& diff, const analyzers::diff::DiffPlan& plan);

}  // namespace dbarch::report
