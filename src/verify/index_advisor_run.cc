#include "verify/index_advisor_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "analyzers/index_advisor/candidates.h"
#include "analyzers/index_advisor/drops.h"
#include "analyzers/index_advisor/selection.h"
#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/index_shape.h"
#include "analyzers/sql_text.h"
#include "verify/index_cost_oracle.h"

namespace dbarch::verify {

namespace {

using analyzers::IndexAdvice;
using analyzers::IndexRecommendation;
using analyzers::RecommendationStatus;

int64_t DataBytes(const model::Statistics& statistics) {
  int64_t total = 0;
  for (const auto& [name, table] : statistics.tables) total += table.table_bytes;
  return total;
}

// Installs the extensions candidates need on the scratch database; candidates whose extension is missing go.
void InstallExtensions(ScratchEnvironment& environment, std::vector<analyzers::IndexCandidate>* candidates,
                       std::vector<std::string>* notes) {
  std::set<std::string> needed;
  for (const auto& candidate : *candidates) needed.insert(candidate.extensions.begin(), candidate.extensions.end());
  if (needed.empty()) return;
  auto connection = environment.Connect();
  if (connection.ok()) connection->Execute("SET client_min_messages = warning");
  std::set<std::string> missing;
  for (const std::string& extension : needed) {
    Status created = connection.ok() ? connection->Execute("CREATE EXTENSION IF NOT EXISTS " + model::QuoteIdent(extension))
                                     : connection.status();
    if (!created.ok()) {
      missing.insert(extension);
      notes->push_back(fmt::format("extension {} is not available on the scratch cluster ({}); indexes that need it "
                                   "were not considered",
                                   extension, created.message()));
    }
  }
  std::erase_if(*candidates, [&](const analyzers::IndexCandidate& candidate) {
    return std::any_of(candidate.extensions.begin(), candidate.extensions.end(),
                       [&](const std::string& e) { return missing.count(e) > 0; });
  });
}

std::string Label(const analyzers::AdvisorStatement& statement, const model::Workload& workload) {
  if (statement.workload_index < 0) return statement.description;
  return analyzers::StatementLabel(workload.queries[static_cast<size_t>(statement.workload_index)]);
}

std::string Speedup(double before, double after) {
  if (after <= 0) return "";
  return fmt::format(" ({:.1f}×)", before / after);
}

// Builds the recommendations for real, times the statements they help before and after, and judges each.
void Measure(ScratchEnvironment& environment, const model::Workload& workload,
             const std::vector<analyzers::AdvisorStatement>& statements, const IndexAdvisorRunOptions& options,
             IndexAdvice* advice) {
  auto connected = environment.Connect();
  if (!connected.ok()) {
    advice->notes.push_back("not measured: " + connected.status().message());
    return;
  }
  PgConnection& connection = *connected;
  connection.Execute("SET client_min_messages = warning");
  std::set<size_t> helped;
  for (const auto& rec : advice->recommendations) {
    for (const auto& effect : rec.helps) {
      if (statements[effect.statement].workload_index >= 0) helped.insert(effect.statement);
    }
  }
  std::map<size_t, std::vector<std::optional<std::string>>> parameters;
  std::map<size_t, TimingSummary> before, after;
  const int64_t total = static_cast<int64_t>(helped.size() * 2 + advice->recommendations.size());
  int64_t done = 0;
  auto progress = [&] {
    if (options.progress) options.progress("measuring indexes", ++done, total);
  };
  for (size_t s : helped) {
    const model::Query& query = workload.queries[static_cast<size_t>(statements[s].workload_index)];
    auto sampled = SampleParameters(connection, query, query.text, static_cast<unsigned>(s) + 1);
    if (sampled.ok()) {
      parameters[s] = *sampled;
      auto timing = TimeStatement(connection, query.text, *sampled, options.timing);
      if (timing.ok()) before[s] = std::move(timing).value();
    }
    progress();
  }
  std::set<model::QualifiedName> tables;
  std::vector<std::string> built;
  for (auto& rec : advice->recommendations) {
    for (const auto& extension : rec.extensions)
      connection.Execute("CREATE EXTENSION IF NOT EXISTS " + model::QuoteIdent(extension));
    analyzers::IndexDdlOptions ddl;
    Status status = connection.Execute(analyzers::IndexDefinitionSql(rec.index, ddl));
    progress();
    if (!status.ok()) {
      rec.status = RecommendationStatus::kRejected;
      rec.status_note = "could not be built on the scratch cluster: " + status.message();
      continue;
    }
    built.push_back(rec.index.name.ToSql());
    tables.insert(rec.index.table);
    // A partitioned index has no storage of its own: its size is its partitions'.
    auto size = connection.QueryParams(
        "SELECT CASE WHEN c.relkind = 'I' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0) "
        "FROM pg_partition_tree(c.oid) t) ELSE pg_relation_size(c.oid) END AS bytes "
        "FROM pg_class c WHERE c.oid = $1::regclass",
        {rec.index.name.ToSql()});
    if (size.ok() && size->rows() == 1) rec.built_bytes = size->GetInt(0, "bytes");
  }
  // Fresh statistics for the new expression keys, and the visibility map index-only scans rely on.
  for (const auto& table : tables) connection.Execute("VACUUM ANALYZE " + table.ToSql());
  for (size_t s : helped) {
    if (parameters.count(s)) {
      const model::Query& query = workload.queries[static_cast<size_t>(statements[s].workload_index)];
      auto timing = TimeStatement(connection, query.text, parameters[s], options.timing);
      if (timing.ok()) after[s] = std::move(timing).value();
    }
    progress();
  }
  for (const auto& name : built) connection.Execute("DROP INDEX IF EXISTS " + name);
  for (const auto& table : tables) connection.Execute("ANALYZE " + table.ToSql());

  for (auto& rec : advice->recommendations) {
    if (rec.status == RecommendationStatus::kRejected) continue;
    std::string best;
    double best_ratio = 0;
    bool any_measured = false;
    for (auto& effect : rec.helps) {
      auto b = before.find(effect.statement);
      auto a = after.find(effect.statement);
      if (b == before.end() || a == after.end()) continue;
      any_measured = true;
      effect.measured_before_ms = b->second.median_ms;
      effect.measured_after_ms = a->second.median_ms;
      const bool faster = a->second.median_ms <= b->second.median_ms * (1 - options.min_measured_gain) &&
                          a->second.median_ms < b->second.p25_ms;
      const double ratio = a->second.median_ms > 0 ? b->second.median_ms / a->second.median_ms : 0;
      if (faster && ratio > best_ratio) {
        best_ratio = ratio;
        best = fmt::format("{}: {:.3f} ms → {:.3f} ms{}", effect.label, b->second.median_ms, a->second.median_ms,
                           Speedup(b->second.median_ms, a->second.median_ms));
      }
    }
    if (!any_measured) {
      rec.status_note = "helps only statements that could not be timed (foreign-key checks run by PostgreSQL itself)";
      continue;
    }
    if (!best.empty()) {
      rec.status = RecommendationStatus::kVerified;
      rec.status_note = "measured (median of " + std::to_string(options.timing.repetitions) + " runs): " + best;
    } else {
      rec.status = RecommendationStatus::kRejected;
      rec.status_note = "built for real on the synthetic data, none of the statements it helps measured faster "
                        "(median, beyond the spread of the runs before): the planner's estimate did not hold up";
    }
  }
  auto rejected = std::stable_partition(advice->recommendations.begin(), advice->recommendations.end(),
                                        [](const IndexRecommendation& r) {
                                          return r.status != RecommendationStatus::kRejected;
                                        });
  advice->rejected.assign(std::make_move_iterator(rejected), std::make_move_iterator(advice->recommendations.end()));
  advice->recommendations.erase(rejected, advice->recommendations.end());
}

// An existing plain B-tree whose keys are a left prefix of a recommended index is redundant once that is built.
void AddSupersededDrops(const model::Catalog& catalog, const model::Statistics* live, const model::Statistics& sizes,
                        IndexAdvice* advice) {
  std::set<model::QualifiedName> listed;
  for (const auto& drop : advice->drops) listed.insert(drop.index);
  for (const auto& rec : advice->recommendations) {
    for (const auto& existing : analyzers::schema::EffectiveIndexes(catalog, rec.index.table)) {
      if (listed.count(existing.name) || existing.method != "btree" || existing.unique || !existing.valid ||
          analyzers::schema::BacksConstraint(existing) || existing.predicate != rec.index.predicate ||
          !analyzers::schema::IsStrictKeyPrefix(existing, rec.index) ||
          !analyzers::schema::CoversIncludes(existing, rec.index))
        continue;
      analyzers::IndexDrop drop;
      drop.index = existing.name;
      drop.table = existing.table;
      drop.kind = "superseded";
      drop.reason = fmt::format("superseded: once {} is built, its keys are a left prefix of it; drop it after the "
                                "new index is in place (not before)",
                                rec.index.name.ToString());
      for (const model::Statistics* stats : {live, &sizes}) {
        if (!stats || drop.bytes > 0) continue;
        if (auto it = stats->indexes.find(existing.name); it != stats->indexes.end()) drop.bytes = it->second.size_bytes;
      }
      drop.drop_sql = analyzers::DropIndexConcurrentlySql(existing.name);
      analyzers::IndexDdlOptions restore;
      restore.concurrently = true;
      restore.if_not_exists = true;
      drop.rollback_sql = analyzers::IndexDefinitionSql(existing, restore);
      listed.insert(existing.name);
      advice->drops.push_back(std::move(drop));
    }
  }
}

}  // namespace

IndexAdvice AdviseIndexDropsOnly(const model::Catalog& catalog, const model::Statistics* live,
                                 const std::string& reason) {
  IndexAdvice advice;
  advice.not_run_reason = reason;
  advice.drops = analyzers::FindIndexDrops(catalog, live, model::Statistics{});
  return advice;
}

IndexAdvice AdviseIndexes(ScratchEnvironment& environment, const model::Catalog& catalog,
                          const model::Workload& workload, const IndexAdvisorRunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  IndexAdvice advice;
  advice.ran = true;
  const bool have_live = options.live != nullptr && !options.live->empty();
  const model::Statistics& shape = have_live ? *options.live : environment.statistics();
  advice.statements = analyzers::AdvisorStatements(catalog, workload);
  analyzers::CandidateOptions candidate_options;
  candidate_options.trigram_available = options.advisor.trigram_available;
  auto candidates = analyzers::GenerateIndexCandidates(catalog, workload, advice.statements, shape, candidate_options);
  InstallExtensions(environment, &candidates, &advice.notes);
  advice.candidates_generated = candidates.size();

  advice.data_bytes = DataBytes(shape);
  advice.budget_bytes = options.advisor.budget_bytes;
  if (advice.budget_bytes == 0 && options.advisor.budget_fraction > 0)
    advice.budget_bytes = static_cast<int64_t>(options.advisor.budget_fraction * static_cast<double>(advice.data_bytes));

  WhatIfCostOracle oracle(environment.whatif(), advice.statements, candidates);
  // The what-if's built copies of GIN/GiST candidates must not outlive the advice, nor be on the tables while
  // Measure builds the chosen set and times the workload.
  struct DropBuiltIndexes {
    WhatIf& whatif;
    ~DropBuiltIndexes() { whatif.DropBuiltIndexes(); }
  } drop_built{environment.whatif()};
  analyzers::SelectionOptions selection_options;
  selection_options.budget_bytes = advice.budget_bytes;
  selection_options.max_indexes = options.advisor.max_indexes;
  selection_options.min_workload_gain = options.advisor.min_workload_gain;
  selection_options.min_statement_gain = options.advisor.min_statement_gain;
  selection_options.min_cost_reduction = options.advisor.min_cost_reduction;
  selection_options.trace = options.trace;
  selection_options.progress = [&](int64_t done, int64_t total) {
    if (options.progress) options.progress("what-if search", done, total);
  };
  analyzers::SelectionResult selection =
      analyzers::SelectIndexes(catalog, workload, advice.statements, candidates, oracle, selection_options);
  advice.candidates_useful = selection.useful_candidates;
  advice.notes.insert(advice.notes.end(), selection.notes.begin(), selection.notes.end());

  double total_before = 0;
  for (size_t s = 0; s < advice.statements.size(); ++s) {
    total_before += advice.statements[s].weight * selection.base_cost[s];
    advice.workload_cost_after += advice.statements[s].weight * selection.final_cost[s];
  }
  advice.workload_cost_before = total_before;

  std::set<std::string> taken;
  for (size_t k = 0; k < selection.chosen.size(); ++k) {
    const size_t c = selection.chosen[k];
    const analyzers::IndexCandidate& candidate = candidates[c];
    IndexRecommendation rec;
    rec.index = candidate.index;
    rec.index.name = {candidate.index.table.schema, analyzers::NewIndexName(catalog, candidate.index, &taken)};
    rec.shape = candidate.shape;
    rec.rationale = candidate.rationale;
    rec.extensions = candidate.extensions;
    rec.estimated_bytes = selection.sizes[c];
    rec.write_overhead = selection.write_overhead[c];
    rec.write_notes = selection.write_notes[c];
    for (size_t s = 0; s < advice.statements.size(); ++s) {
      const auto& used = selection.final_used[s];
      if (std::find(used.begin(), used.end(), c) == used.end()) continue;
      analyzers::StatementEffect effect;
      effect.statement = s;
      const auto& statement = advice.statements[s];
      if (statement.workload_index >= 0)
        effect.fingerprint = workload.queries[static_cast<size_t>(statement.workload_index)].fingerprint;
      effect.label = Label(statement, workload);
      effect.weight = statement.weight;
      effect.cost_before = selection.base_cost[s];
      effect.cost_after = selection.final_cost[s];
      auto without = selection.cost_without[k].find(s);
      effect.cost_without_this = without != selection.cost_without[k].end() ? without->second : effect.cost_before;
      effect.share_of_workload = total_before > 0 ? statement.weight * effect.cost_before / total_before : 0;
      rec.benefit += statement.weight * (effect.cost_without_this - effect.cost_after);
      rec.helps.push_back(std::move(effect));
    }
    std::sort(rec.helps.begin(), rec.helps.end(), [](const auto& a, const auto& b) {
      return a.weight * (a.cost_before - a.cost_after) > b.weight * (b.cost_before - b.cost_after);
    });
    analyzers::IndexDdlOptions ddl;
    ddl.concurrently = true;
    ddl.if_not_exists = true;
    rec.create_sql = analyzers::IndexDefinitionSql(rec.index, ddl);
    rec.rollback_sql = analyzers::DropIndexConcurrentlySql(rec.index.name);
    advice.recommendations.push_back(std::move(rec));
  }
  std::stable_sort(advice.recommendations.begin(), advice.recommendations.end(),
                   [](const IndexRecommendation& a, const IndexRecommendation& b) { return a.benefit > b.benefit; });

  advice.drops = analyzers::FindIndexDrops(catalog, options.live, environment.statistics());
  AddSupersededDrops(catalog, options.live, environment.statistics(), &advice);
  advice.whatif_calls = oracle.planner_calls();
  advice.whatif_requests = oracle.requests();

  if (options.measure && !advice.recommendations.empty()) {
    environment.whatif().DropBuiltIndexes();
    Measure(environment, workload, advice.statements, options, &advice);
    if (!advice.rejected.empty()) {
      // The workload's cost without the rejected picks.
      std::vector<size_t> kept;
      for (const auto& rec : advice.recommendations) {
        for (size_t c : selection.chosen) {
          if (analyzers::CandidateDefinition(candidates[c].index) == analyzers::CandidateDefinition(rec.index))
            kept.push_back(c);
        }
      }
      std::vector<analyzers::CostQuestion> questions;
      for (size_t s = 0; s < advice.statements.size(); ++s) {
        analyzers::CostQuestion question{s, {}};
        for (size_t c : kept) {
          const auto& tables = advice.statements[s].tables;
          if (std::find(tables.begin(), tables.end(), candidates[c].index.table) != tables.end())
            question.candidates.push_back(c);
        }
        questions.push_back(std::move(question));
      }
      auto answers = oracle.Cost(questions);
      advice.workload_cost_after = 0;
      for (size_t s = 0; s < answers.size(); ++s) {
        const double cost = answers[s].ok() ? answers[s]->cost : selection.base_cost[s];
        advice.workload_cost_after += advice.statements[s].weight * cost;
      }
      advice.whatif_calls = oracle.planner_calls();
      advice.whatif_requests = oracle.requests();
    }
  }
  advice.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return advice;
}

}  // namespace dbarch::verify
