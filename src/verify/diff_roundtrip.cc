#include "verify/diff_roundtrip.h"

#include <atomic>
#include <map>

#include <fmt/format.h>

#include "analyzers/lock_level.h"
#include "model/catalog_compare.h"
#include "model/catalog_sql.h"
#include "sources/live/live_statistics.h"
#include "sql/canonical_expression.h"
#include "verify/apply_sql.h"
#include "verify/data_generator.h"
#include "verify/live_catalog.h"
#include "verify/step_locks.h"

namespace dbarch::verify {
namespace {

// Differences between two live-read catalogs that matter for the round trip. Column order is left out:
// PostgreSQL appends added columns, so a target that declares one in the middle cannot be reached by ALTER.
// With `enum_values_stay` (the down stage), an enum that still has values the up steps added is accepted:
// PostgreSQL cannot drop an enum value, and the plan lists it under what a rollback cannot restore.
bool OnlyAddedEnumValues(const model::Catalog& actual, const model::Catalog& expected, const model::ObjectRef& ref) {
  auto a = actual.enums.find(ref.name);
  auto e = expected.enums.find(ref.name);
  if (a == actual.enums.end() || e == expected.enums.end()) return false;
  std::size_t matched = 0;
  for (const auto& v : a->second.values) {
    if (matched < e->second.values.size() && v == e->second.values[matched]) ++matched;
  }
  return matched == e->second.values.size();
}

std::vector<std::string> Differences(const model::Catalog& actual, const model::Catalog& expected,
                                     bool enum_values_stay = false) {
  std::vector<std::string> out;
  for (const auto& d : model::CompareCatalogs(actual, expected, sql::CatalogCanonicalizer())) {
    if (d.field == "column order") continue;
    if (enum_values_stay && d.ref.kind == model::ObjectKind::kEnum && d.field == "values" &&
        OnlyAddedEnumValues(actual, expected, d.ref)) {
      continue;
    }
    out.push_back(d.ToString());
  }
  return out;
}

Result<std::map<model::QualifiedName, long long>> RowCounts(PgConnection& connection, const model::Catalog& catalog,
                                                            const model::Catalog& other) {
  std::map<model::QualifiedName, long long> counts;
  for (const auto& [name, table] : catalog.tables) {
    if (!other.tables.count(name) || table.kind == model::TableKind::kForeign) continue;
    auto result = connection.Query("SELECT count(*) AS n FROM " + name.ToSql());
    if (!result.ok()) return result.status();
    counts[name] = result->GetInt(0, "n");
  }
  return counts;
}

StepLockCheck Compare(const analyzers::MigrationStep& step, const ObservedLocks& seen) {
  StepLockCheck check{step.number, step.title, step.lock_level, "", seen.locks, seen.method};
  if (!seen.measured) return check;
  check.observed = analyzers::LockLevelName(seen.strongest);
  auto claimed = analyzers::ParseLockLevel(step.lock_level);
  if (!claimed || seen.strongest > *claimed) check.verdict = StepLockCheck::Verdict::kClaimTooWeak;
  else if (seen.strongest < *claimed) check.verdict = StepLockCheck::Verdict::kClaimTooStrong;
  else check.verdict = StepLockCheck::Verdict::kMatches;
  return check;
}

// Where the first up stage measures each step's locks.
struct LockProbe {
  const ScratchCluster& cluster;
  const std::string& dbname;
  std::vector<StepLockCheck>* checks;
};

Status ApplySteps(PgConnection& connection, const analyzers::diff::DiffPlan& plan, bool down,
                  const LockProbe* probe = nullptr) {
  const auto& steps = plan.plan.steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = down ? steps[steps.size() - 1 - i] : steps[i];
    const std::string& sql = down ? step.down_sql : step.up_sql;
    if (sql.empty()) continue;
    const std::string label = fmt::format("step {} {} ({})", step.number, down ? "down" : "up", step.title);
    if (probe && !down) {
      auto seen = RunObservingLocks(probe->cluster, probe->dbname, connection, sql, label, step.outside_transaction,
                                    step.locked);
      if (!seen.ok()) return seen.status();
      probe->checks->push_back(Compare(step, *seen));
    } else {
      Status applied = ApplyScript(connection, sql, label);
      if (!applied.ok()) return applied;
    }
    // Settings a step changed (lock_timeout, check_function_bodies) must not leak into the next one.
    Status reset = connection.Execute("RESET ALL");
    if (!reset.ok()) return reset;
  }
  return Status::Ok();
}

// The source schema as the data generator should see it: rows for the source's tables that the target's
// constraints also accept — NOT NULL, CHECK, UNIQUE and foreign keys the target adds on columns the source
// already has, and a target enum's values for a text column that becomes that enum — so the plan's
// VALIDATE and USING casts meet data they can take, as they would on a database the application kept
// consistent with the new rules.
model::Catalog DataShape(const model::Catalog& from, const model::Catalog& to) {
  model::Catalog shape = from;
  for (auto& [name, table] : shape.tables) {
    const model::Table* target = to.FindTable(name);
    if (!target) continue;
    for (auto& column : table.columns) {
      const model::Column* now = target->FindColumn(column.name);
      if (!now) continue;
      column.not_null = column.not_null || now->not_null;
      if (now->type.is_user_type && !column.type.is_user_type) {
        model::QualifiedName type{"public", now->type.name};
        auto dot = now->type.name.find('.');
        if (dot != std::string::npos) type = {now->type.name.substr(0, dot), now->type.name.substr(dot + 1)};
        auto e = to.enums.find(type);
        if (e != to.enums.end()) {
          // The source's values of an enum both sides have: they exist when the column is converted.
          if (!shape.enums.count(type)) shape.enums[type] = e->second;
          column.type = now->type;
        }
      }
    }
    for (const auto& c : target->constraints) {
      if (table.FindConstraint(c.name)) continue;
      bool columns_known = true;
      for (const auto& col : c.columns) columns_known = columns_known && table.FindColumn(col);
      if (c.kind == model::ConstraintKind::kForeignKey) {
        const model::Table* referenced = from.FindTable(c.referenced_table);
        columns_known = columns_known && referenced;
        for (const auto& col : c.referenced_columns) columns_known = columns_known && referenced && referenced->FindColumn(col);
      }
      if (columns_known && c.kind != model::ConstraintKind::kExclude) table.constraints.push_back(c);
    }
  }
  return shape;
}

}  // namespace

std::string_view VerdictName(StepLockCheck::Verdict verdict) {
  switch (verdict) {
    case StepLockCheck::Verdict::kMatches: return "matches";
    case StepLockCheck::Verdict::kClaimTooWeak: return "claim too weak";
    case StepLockCheck::Verdict::kClaimTooStrong: return "claim stronger than needed";
    case StepLockCheck::Verdict::kNotMeasured: return "not measured";
  }
  return "";
}

std::string StepLockCheck::ToString() const {
  std::string head = fmt::format("step {} ({}): claims {}", step, title, claimed);
  if (verdict == Verdict::kNotMeasured) return head + "; " + method;
  std::string seen;
  for (const auto& l : locks) seen += (seen.empty() ? "" : ", ") + l;
  return fmt::format("{}, took {} — {}", head, seen.empty() ? "no lock on an existing relation" : seen,
                     VerdictName(verdict));
}

bool DiffRoundTripResult::ok() const {
  for (const auto& s : stages) {
    if (!s.ok()) return false;
  }
  for (const auto& l : locks) {
    if (!l.ok()) return false;
  }
  return !stages.empty();
}

Result<DiffRoundTripResult> VerifyDiffRoundTrip(ScratchCluster& cluster, const model::Catalog& from,
                                                const model::Catalog& to, const analyzers::diff::DiffPlan& plan,
                                                const DiffRoundTripOptions& options) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  DiffRoundTripResult result;

  // The target as PostgreSQL makes it from the model.
  auto target_db = cluster.CreateDatabase(fmt::format("diff_target_{}", n));
  if (!target_db.ok()) return target_db.status();
  auto target = cluster.Connect(*target_db);
  if (!target.ok()) return target.status();
  // Roles (created when missing: they are cluster-wide), schema owners and grants too, so a plan's owner and
  // GRANT/REVOKE steps are checked.
  const model::CatalogSqlOptions with_privileges{.include_roles = true, .include_grants = true, .include_owners = true};
  if (Status s = ApplyScript(*target, model::CatalogToSql(to, with_privileges), "target schema"); !s.ok()) return s;
  auto live_to = ReadLiveCatalog(*target);
  if (!live_to.ok()) return live_to.status();

  // The source, with data.
  auto work_db = cluster.CreateDatabase(fmt::format("diff_work_{}", n));
  if (!work_db.ok()) return work_db.status();
  auto work = cluster.Connect(*work_db);
  if (!work.ok()) return work.status();
  if (Status s = ApplyScript(*work, model::CatalogToSql(from, with_privileges), "source schema"); !s.ok()) return s;
  if (options.rows_per_table > 0 && !from.tables.empty()) {
    DataGenerationOptions data;
    data.default_rows = options.rows_per_table;
    data.seed = options.seed;
    for (const auto& [name, table] : from.tables) data.row_counts[name] = options.rows_per_table;
    auto loaded = GenerateData(DataShape(from, to), data, *work);
    if (!loaded.ok()) return loaded.status();
    result.rows_loaded = loaded->total_rows;
    for (const auto& note : loaded->notes) result.notes.push_back(note);
  }
  if (Status s = work->Execute("RESET ALL"); !s.ok()) return s;
  if (Status s = work->Execute("ANALYZE"); !s.ok()) return s;
  auto sizes = sources::ReadLiveStatistics(*work, {.column_statistics = false});
  if (!sizes.ok()) return sizes.status();
  result.source_sizes = std::move(*sizes);
  result.source_sizes.origin = model::Statistics::Origin::kSynthetic;
  auto live_from = ReadLiveCatalog(*work);
  if (!live_from.ok()) return live_from.status();
  auto counts = RowCounts(*work, from, to);
  if (!counts.ok()) return counts.status();

  auto stage = [&](const std::string& name, bool down, const LockProbe* probe) -> Status {
    if (Status s = ApplySteps(*work, plan, down, probe); !s.ok()) return s;
    auto live = ReadLiveCatalog(*work);
    if (!live.ok()) return live.status();
    RoundTripStage st{name, Differences(*live, down ? *live_from : *live_to, down)};
    auto now = RowCounts(*work, from, to);
    if (!now.ok()) return now.status();
    for (const auto& [table, rows] : *counts) {
      auto it = now->find(table);
      if (it != now->end() && it->second != rows) {
        st.differences.push_back(fmt::format("rows of {}: {} before, {} after {}", table.ToString(), rows, it->second, name));
      }
    }
    result.stages.push_back(std::move(st));
    return Status::Ok();
  };
  const LockProbe probe{cluster, *work_db, &result.locks};
  if (Status s = stage("up", false, &probe); !s.ok()) return s;
  if (Status s = stage("down", true, nullptr); !s.ok()) return s;
  if (Status s = stage("up again", false, nullptr); !s.ok()) return s;
  return result;
}

}  // namespace dbarch::verify
