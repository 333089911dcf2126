// Index-advisor benchmark: dbarch's index advisor next to the advisors it should beat, on the same scratch
// PostgreSQL, the same data and the same queries. Two workloads (--workload, bench/index_advisor_workload.h):
//   - tpch (default): the 22 TPC-H queries (bench/tpch: schema, in-server data generator, qgen.py with the
//     specification's validation parameters), at SF --sf (0.1);
//   - job: 30 many-table joins in the spirit of the Join Order Benchmark on an IMDB-shaped schema
//     (bench/job: schema, in-server data generator with skewed popularity, queries.sql), at scale --sf (1 =
//     100 000 titles, ~170 MB of table data).
//
// What it measures, per method and per storage budget (0.1, 0.25, 0.5, 1.0 × table data size, heap only):
//   - relative workload cost: Σ planner cost with the method's indexes (hypothetical, HypoPG) ÷ Σ without,
//     over all queries and, for TPC-H, over the 19 without Q2, Q17 and Q20 (whose costs dominate the sum; the VLDB'20
//     evaluation of index advisors — Kossmann et al., "Magic Mirror in My Hand, Which is the Best in the Land?"
//     — leaves them out). Every method's final set is costed the same way: one fresh WhatIf (the evaluator),
//     each query with the set's indexes on its own tables;
//   - relative planner cost with the set built for real (CREATE INDEX, VACUUM ANALYZE of those tables, then
//     EXPLAIN of each query) over the same without indexes: what the what-if cost stands for, without HypoPG's
//     size estimates (a hypothetical copy of a primary key may cost less than the key; built, it does not);
//   - measured workload time: the set built for real (CREATE INDEX, VACUUM ANALYZE of those tables), each query
//     run after a warm-up run (EXPLAIN ANALYZE, TIMING OFF: server-side execution time) under a
//     statement_timeout, the median of 3 runs (single sub-second runs differ by ±30 % here); a query whose
//     warm-up run already takes ≥ 5 s is not run again (the warm-up is noise next to it). The sum is printed
//     as "≥" when a query hit the timeout. Identical sets are measured once;
//   - what-if calls (EXPLAINs actually run with hypothetical indexes, i.e. cache misses, each method on a cache
//     of its own) and the advisor's wall-clock time;
//   - index sizes: the size model's estimate (the one the budgets are spent by) and the size when built.
// The methods:
//   - no indexes (the schema's primary keys only);
//   - dbarch: verify::AdviseIndexes (what-if only, measure = false) with budget_bytes. Its what-if engine is
//     the environment's, whose cache outlives a run; to give every budget a cold cache like the baselines,
//     each run's query texts carry a distinct leading comment (/* dbarch-bench run N */), which changes the
//     cache keys but nothing the planner sees;
//   - pg_qualstats_index_advisor(min_filter => 50, min_selectivity => 50) (pg_qualstats 2, preloaded,
//     pg_qualstats.sample_rate = 1) after running every query once (statement_timeout 60 s); no budget.
//     Repeated suggestions are counted once; a trigram opclass of the wrong access method (pg_qualstats 2.0.4
//     picks the opclass by operator only: "USING gin (c gist_trgm_ops)") is repaired, anything else
//     PostgreSQL would reject is left out (both said in the output). pg_trgm is installed up front;
//   - reimplementation of Dexter (baseline): ankane/dexter lib/dexter/indexer.rb (v0.5, "How it works" in its
//     README): queries with initial cost ≥ 100; candidate columns = every column reference in those queries
//     (on their tables, json/jsonb left out); pass 1 plans each query with a hypothetical single-column index
//     on every candidate column, pass 2 adds every ordered pair as a two-column index; an index the plan uses
//     is suggested when the query's cost drops by ≥ 50 % (--min-cost-savings-pct 50; for pass 2 relative to
//     pass 1, and only when pass 1's cost > 100), with pass 3 (each index alone) when a plan uses several;
//     indexes that duplicate the first one or two columns of an existing B-tree, and single-column indexes
//     covered by a suggested two-column one, are dropped. No budget;
//   - reimplementation of Extend (baseline): Schlosser, Kossmann, Boissier, "Efficient Scalable Multi-attribute
//     Index Selection Using Recursive Strategies", ICDE 2019, following hyrise/index_selection_evaluation
//     selection/algorithms/extend_algorithm.py: start empty; each step costs every single-attribute index not
//     chosen yet (those known not to fit are skipped) and every chosen index extended by one attribute
//     (appended); takes the step with the best (workload cost reduction ÷ additional size) that fits the
//     budget and improves the cost by more than 0.3 % (min_cost_improvement 1.003); stops when none does.
//     Attributes: the columns of the workload's predicates and joins. Max index width 2 by default
//     (--extend-width). Sizes: the estimates dbarch's budget uses (verify::WhatIf::EstimateSize, B-tree
//     deduplication modelled), so both spend the same bytes.
// For TPC-H the advisors then run again on the 19-query workload (as in the VLDB'20 evaluation) and a second
// table gives their relative cost there (what-if only, not measured; --no-19 skips it). The JOB-like workload
// has no such subset: no query dominates its sum.
//
// Run it (builds build-bench/ if needed; on 2 cores a whole TPC-H run at SF 0.1 takes about a quarter of an
// hour, a JOB-like run at scale 1 over an hour — docs/index-advisor.md says why; --budgets and --no-measure
// shorten it):
//   bench/index_advisor_bench.sh [sf=0.1] [seed=0.5]
//   bench/index_advisor_bench.sh --workload job [--sf 1] [--seed 0.5]
//   build-bench/bench/index_advisor_bench --root . [--workload tpch|job] [--sf 0.1] [--seed 0.5]
//       [--budgets 0.1,0.25,0.5,1] [--extend-width 2] [--timeout 120] [--no-measure] [--no-19]
// The table goes to stdout, progress to stderr.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/index_advisor.h"
#include "index_advisor_workload.h"
#include "model/catalog.h"
#include "model/workload.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"
#include "verify/explain.h"
#include "verify/index_advisor_run.h"
#include "verify/pg_connection.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"
#include "verify/whatif.h"

using namespace dbarch;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point kStart = Clock::now();

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

template <typename... Args>
void Progress(fmt::format_string<Args...> format, Args&&... args) {
  std::fprintf(stderr, "[%6.0fs] %s\n", Since(kStart), fmt::format(format, std::forward<Args>(args)...).c_str());
  std::fflush(stderr);
}

[[noreturn]] void Die(const std::string& what, const Status& status) {
  std::fprintf(stderr, "index_advisor_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(1);
}

struct Options {
  std::string root = ".";
  std::string workload = "tpch";
  std::optional<double> sf;  // the workload's default_scale when not given
  double seed = 0.5;
  std::vector<double> budgets = {0.1, 0.25, 0.5, 1.0};
  int extend_width = 2;
  int timeout_s = 120;
  bool measure = true;
  bool also_19 = true;
};

// ---------------------------------------------------------------------------------------------------------
// The workload and index sets

// A query as every method sees it.
struct BenchQuery {
  std::string label;  // "Q1" … "Q22", "1a" … "32a"
  std::string sql;
  bool in_subset = true;  // counted in the subset sums (TPC-H: not Q2, Q17, Q20)
  std::vector<model::QualifiedName> tables;  // catalog tables it reads
  const model::Query* model = nullptr;
};

// A plain B-tree over columns (what Dexter and Extend produce).
struct ColumnIndex {
  model::QualifiedName table;
  std::vector<std::string> columns;
  auto operator<=>(const ColumnIndex&) const = default;
};

verify::HypotheticalIndex Hypothetical(const ColumnIndex& index) {
  std::string columns;
  for (const auto& column : index.columns) columns += (columns.empty() ? "" : ", ") + model::QuoteIdent(column);
  return {index.table, fmt::format("CREATE INDEX ON {} USING btree ({})", index.table.ToSql(), columns), "btree"};
}

// The indexes of a set on the tables a query reads.
std::vector<verify::HypotheticalIndex> RelevantTo(const std::vector<verify::HypotheticalIndex>& set,
                                                  const BenchQuery& query) {
  std::vector<verify::HypotheticalIndex> out;
  for (const auto& index : set) {
    if (std::find(query.tables.begin(), query.tables.end(), index.table) != query.tables.end()) out.push_back(index);
  }
  return out;
}

// Costs of every query under one set, on `whatif`.
std::vector<double> CostQueries(verify::WhatIf& whatif, const std::vector<BenchQuery>& queries,
                                const std::vector<verify::HypotheticalIndex>& set) {
  std::vector<verify::CostRequest> requests;
  for (const auto& query : queries) requests.push_back({query.sql, query.tables, {RelevantTo(set, query), {}}});
  auto answers = whatif.CostAll(requests);
  std::vector<double> costs;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i].ok()) Die("what-if cost of " + queries[i].label, answers[i].status());
    costs.push_back(answers[i]->total_cost);
  }
  return costs;
}

std::string SetKey(std::vector<verify::HypotheticalIndex> set) {
  std::sort(set.begin(), set.end());
  std::string key;
  for (const auto& index : set) key += index.definition + "\n";
  return key;
}

// "CREATE INDEX ON public.lineitem USING btree (l_partkey)" → "lineitem(l_partkey)"
std::string ShortName(const verify::HypotheticalIndex& index) {
  std::string text = index.definition;
  const size_t on = text.find(" ON ");
  if (on != std::string::npos) text = text.substr(on + 4);
  if (text.starts_with("public.")) text = text.substr(7);
  text = std::regex_replace(text, std::regex(" USING btree \\("), "(");
  text = std::regex_replace(text, std::regex(" USING (\\w+) \\("), " $1(");
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Results

struct QueryTime {
  double ms = 0;
  bool timed_out = false;
};

struct Measured {
  std::vector<QueryTime> times;  // per query
  // Per query, the planner's cost with the set built (EXPLAIN, after VACUUM ANALYZE): what the what-if cost
  // stands for, without HypoPG's size estimates — a hypothetical copy of a primary key costs no less here.
  std::vector<double> built_costs;
  int64_t built_bytes = 0;
  double build_seconds = 0;
};

struct Row {
  std::string method;
  std::string kind;  // "none", "dbarch", "qualstats", "dexter", "extend"
  std::optional<double> budget;  // fraction of data size; nullopt = the method has no budget
  std::vector<verify::HypotheticalIndex> indexes;
  long long whatif_calls = -1;   // -1 = not applicable
  double advisor_seconds = -1;
  std::string note;
  // Evaluated:
  std::vector<double> costs;
  // The set without its hypothetical copies of primary keys (plain B-trees on exactly a table's primary-key
  // columns), when it has any: HypoPG may cost such a copy below the real key, an advantage no real index has.
  std::vector<std::string> primary_key_copies;
  std::vector<double> costs_without_copies;
  int64_t estimated_bytes = 0;
  const Measured* measured = nullptr;
};

// ---------------------------------------------------------------------------------------------------------
// pg_qualstats

Result<model::QualifiedName> TableOfDefinition(const std::string& definition) {
  static const std::regex on_re(R"( ON (?:ONLY )?([^ (]+))", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(definition, match, on_re)) return Status::InvalidInput("no table in " + definition);
  std::string name = match[1];
  std::erase(name, '"');
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return model::QualifiedName{"public", name};
  return model::QualifiedName{name.substr(0, dot), name.substr(dot + 1)};
}

Row RunQualstats(verify::ScratchEnvironment& env, const std::vector<BenchQuery>& queries, double* workload_seconds) {
  Row row;
  row.method = "pg_qualstats_index_advisor(50, 50)";
  row.kind = "qualstats";
  row.whatif_calls = -1;
  auto connection = env.Connect();
  if (!connection.ok()) Die("connect", connection.status());
  connection->Execute("SET client_min_messages = warning");
  if (Status s = connection->Execute("SET pg_qualstats.enabled = on; SET pg_qualstats.sample_rate = 1"); !s.ok())
    Die("pg_qualstats settings", s);
  if (Status s = connection->Execute("SELECT pg_qualstats_reset()"); !s.ok()) Die("pg_qualstats_reset", s);
  connection->Execute("SET statement_timeout = '60s'");
  const auto started = Clock::now();
  int timed_out = 0;
  for (const auto& query : queries) {
    Status run = connection->Execute(query.sql);
    if (!run.ok()) {
      if (connection->sql_state() == "57014") {
        ++timed_out;
      } else {
        Die("running " + query.label + " for pg_qualstats", run);
      }
    }
  }
  *workload_seconds = Since(started);
  connection->Execute("SET statement_timeout = 0");
  const auto advisor_started = Clock::now();
  auto advice = connection->Query(
      "SELECT v #>> '{}' AS definition FROM json_array_elements(pg_qualstats_index_advisor(min_filter => 50, "
      "min_selectivity => 50)->'indexes') v");
  row.advisor_seconds = Since(advisor_started);
  if (!advice.ok()) Die("pg_qualstats_index_advisor", advice.status());
  int repaired = 0;
  std::vector<std::string> rejected;
  for (int i = 0; i < advice->rows(); ++i) {
    std::string definition(advice->Get(i, 0));
    auto table = TableOfDefinition(definition);
    if (!table.ok()) Die("pg_qualstats advice", table.status());
    static const std::regex using_re(R"( USING (\w+))", std::regex::icase);
    std::smatch match;
    std::string method = std::regex_search(definition, match, using_re) ? std::string(match[1]) : "btree";
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    // pg_qualstats 2.0.4 picks a key's opclass by the qual's operator without regard to the access method
    // (pg_qualstats_get_idx_col), so a LIKE qual can come out as "USING gin (col gist_trgm_ops)", which
    // PostgreSQL rejects: give it the trigram opclass of the method it chose.
    if (method == "gin" && definition.find("gist_trgm_ops") != std::string::npos) {
      definition = std::regex_replace(definition, std::regex("gist_trgm_ops"), "gin_trgm_ops");
      ++repaired;
    } else if (method == "gist" && definition.find("gin_trgm_ops") != std::string::npos) {
      definition = std::regex_replace(definition, std::regex("gin_trgm_ops"), "gist_trgm_ops");
      ++repaired;
    }
    // Anything else PostgreSQL would not build is left out (checked with HypoPG, or built in a rolled-back
    // transaction for methods HypoPG cannot simulate).
    const bool hypopg = method == "btree" || method == "brin" || method == "hash";
    Status valid = hypopg ? connection->QueryParams("SELECT hypopg_create_index($1)", {definition}).status()
                          : connection->Execute("BEGIN; " + definition + "; ROLLBACK");
    if (hypopg) connection->Execute("SELECT hypopg_reset()");
    if (!valid.ok()) {
      if (!hypopg) connection->Execute("ROLLBACK");
      rejected.push_back(definition);
      Progress("  pg_qualstats suggestion left out: {}: {}", definition, valid.message());
      continue;
    }
    verify::HypotheticalIndex index{*table, definition, method};
    // The advisor suggests an index once per group of quals it serves, so the same one can come up repeatedly.
    if (std::find(row.indexes.begin(), row.indexes.end(), index) == row.indexes.end()) row.indexes.push_back(index);
  }
  row.note = fmt::format("{} suggestions, {} distinct", advice->rows(), row.indexes.size());
  if (repaired > 0) row.note += fmt::format(", {} with a trigram opclass of the wrong method repaired", repaired);
  if (!rejected.empty()) row.note += fmt::format(", {} invalid left out", rejected.size());
  row.note += fmt::format("; workload run {:.0f} s, {} of {} queries hit the 60 s timeout", *workload_seconds,
                          timed_out, queries.size());
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Reimplementation of Dexter (baseline)

void CollectColumnRefs(const google::protobuf::Message& message, std::set<std::string>* names) {
  if (message.GetDescriptor() == pg_query::ColumnRef::descriptor()) {
    const auto& ref = static_cast<const pg_query::ColumnRef&>(message);
    if (ref.fields_size() > 0 && ref.fields(ref.fields_size() - 1).has_string())
      names->insert(ref.fields(ref.fields_size() - 1).string().sval());
    return;
  }
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i)
        CollectColumnRefs(reflection->GetRepeatedMessage(message, field, i), names);
    } else {
      CollectColumnRefs(reflection->GetMessage(message, field), names);
    }
  }
}

Row RunDexter(verify::ScratchEnvironment& env, const model::Catalog& catalog, const std::vector<BenchQuery>& queries) {
  const auto started = Clock::now();
  auto whatif = verify::WhatIf::Create([&env] { return env.Connect(); }, {2, true});
  if (!whatif.ok()) Die("what-if for Dexter", whatif.status());
  constexpr double kSavingsRatio = 1 - 50 / 100.0;  // --min-cost-savings-pct 50

  // Pass 0: initial costs; only queries with cost >= 100 are considered ("high_cost?").
  const std::vector<double> initial = CostQueries(**whatif, queries, {});
  std::vector<size_t> explainable;
  std::set<model::QualifiedName> tables;
  std::set<std::string> possible_columns;
  for (size_t q = 0; q < queries.size(); ++q) {
    if (initial[q] < 100) continue;
    explainable.push_back(q);
    tables.insert(queries[q].tables.begin(), queries[q].tables.end());
    auto node = sql::ParseOne(queries[q].sql);
    if (!node.ok()) Die("parsing " + queries[q].label, node.status());
    CollectColumnRefs(*node, &possible_columns);
  }
  // Candidate columns by table (information_schema order: table, column name), json/jsonb left out.
  std::map<model::QualifiedName, std::vector<std::string>> columns_by_table;
  for (const auto& table_name : tables) {
    const model::Table* table = catalog.FindTable(table_name);
    if (table == nullptr) continue;
    std::vector<std::string> columns;
    for (const auto& column : table->columns) {
      if (column.type.name == "json" || column.type.name == "jsonb") continue;
      if (possible_columns.count(column.name)) columns.push_back(column.name);
    }
    std::sort(columns.begin(), columns.end());
    if (!columns.empty()) columns_by_table[table_name] = columns;
  }
  std::vector<ColumnIndex> pass1, pass2;  // pass 2 = pass 1's plus every ordered pair
  for (const auto& [table, columns] : columns_by_table) {
    for (const auto& column : columns) pass1.push_back({table, {column}});
  }
  pass2 = pass1;
  for (const auto& [table, columns] : columns_by_table) {
    for (const auto& a : columns) {
      for (const auto& b : columns) {
        if (a != b) pass2.push_back({table, {a, b}});
      }
    }
  }
  // Plans of every explainable query under a configuration: cost and the candidate indexes it uses.
  struct Plan {
    double cost = 0;
    std::vector<ColumnIndex> used;
  };
  auto plan_all = [&](const std::vector<ColumnIndex>& configuration) {
    std::vector<verify::CostRequest> requests;
    std::vector<std::vector<ColumnIndex>> relevant;
    for (size_t q : explainable) {
      std::vector<ColumnIndex> mine;
      for (const auto& index : configuration) {
        if (std::find(queries[q].tables.begin(), queries[q].tables.end(), index.table) != queries[q].tables.end())
          mine.push_back(index);
      }
      verify::CostRequest request{queries[q].sql, queries[q].tables, {}};
      for (const auto& index : mine) request.configuration.added.push_back(Hypothetical(index));
      requests.push_back(std::move(request));
      relevant.push_back(std::move(mine));
    }
    auto answers = (*whatif)->CostAll(requests);
    std::vector<Plan> plans;
    for (size_t k = 0; k < answers.size(); ++k) {
      if (!answers[k].ok()) Die("Dexter what-if", answers[k].status());
      Plan plan{answers[k]->total_cost, {}};
      for (size_t position : answers[k]->hypothetical_used) plan.used.push_back(relevant[k][position]);
      plans.push_back(std::move(plan));
    }
    return plans;
  };
  Progress("Dexter: {} queries, pass 1 with {} single-column and pass 2 with {} two-column hypothetical indexes",
           explainable.size(), pass1.size(), pass2.size() - pass1.size());
  const std::vector<Plan> plans1 = plan_all(pass1);
  const std::vector<Plan> plans2 = plan_all(pass2);

  // Existing B-trees: their first one and first two columns are not suggested again.
  std::set<ColumnIndex> existing;
  for (const auto& table_name : tables) {
    const model::Table* table = catalog.FindTable(table_name);
    if (table == nullptr) continue;
    std::vector<std::vector<std::string>> btrees;
    if (const model::Constraint* pk = table->PrimaryKey()) btrees.push_back(pk->columns);
    for (const model::Constraint& constraint : table->constraints) {
      if (constraint.kind == model::ConstraintKind::kUnique) btrees.push_back(constraint.columns);
    }
    for (const model::Index* index : catalog.IndexesOn(table_name)) {
      if (index->method != "btree") continue;
      std::vector<std::string> columns;
      for (const auto& key : index->keys) columns.push_back(key.column.empty() ? key.expression : key.column);
      btrees.push_back(columns);
    }
    for (const auto& columns : btrees) {
      for (size_t n = 1; n <= 2 && n <= columns.size(); ++n)
        existing.insert({table_name, std::vector<std::string>(columns.begin(), columns.begin() + n)});
    }
  }
  auto without_existing = [&](const std::vector<ColumnIndex>& used) {
    std::vector<ColumnIndex> out;
    for (const auto& index : used) {
      if (!existing.count(index) && std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
    }
    return out;
  };

  std::vector<ColumnIndex> suggested;  // in first-suggested order
  for (size_t k = 0; k < explainable.size(); ++k) {
    const size_t q = explainable[k];
    const double new_cost = plans1[k].cost, new_cost2 = plans2[k].cost;
    const bool cost_savings = new_cost < initial[q] * kSavingsRatio;
    bool cost_savings2 = new_cost > 100 && new_cost2 < new_cost * kSavingsRatio;  // high bar for multi-column
    std::vector<ColumnIndex> query_indexes = without_existing(cost_savings2 ? plans2[k].used : plans1[k].used);
    if (cost_savings2 && query_indexes.size() > 1) {  // likely a bad suggestion: try single columns
      query_indexes = without_existing(plans1[k].used);
      cost_savings2 = false;
    }
    bool suggest = cost_savings || cost_savings2;
    if (suggest && query_indexes.size() > 1) {  // pass 3: the impact of each index alone
      std::vector<verify::CostRequest> requests;
      for (const auto& index : query_indexes)
        requests.push_back({queries[q].sql, queries[q].tables, {{Hypothetical(index)}, {}}});
      auto answers = (*whatif)->CostAll(requests);
      std::optional<size_t> winner;
      double winning_cost = 0;
      for (size_t i = 0; i < answers.size(); ++i) {
        if (!answers[i].ok()) Die("Dexter pass 3", answers[i].status());
        if (!winner || answers[i]->total_cost < winning_cost) {
          winner = i;
          winning_cost = answers[i]->total_cost;
        }
      }
      const bool use_winning = cost_savings2 ? (new_cost > 100 && winning_cost < new_cost * kSavingsRatio)
                                             : (winning_cost < initial[q] * kSavingsRatio);
      if (use_winning) {
        query_indexes = {query_indexes[*winner]};
      } else {
        suggest = false;
      }
    }
    if (!suggest) continue;
    for (const auto& index : query_indexes) {
      if (std::find(suggested.begin(), suggested.end(), index) == suggested.end()) suggested.push_back(index);
    }
  }
  // Single-column suggestions covered by a suggested two-column index go.
  std::set<ColumnIndex> covered;
  for (const auto& index : suggested) {
    if (index.columns.size() > 1) covered.insert({index.table, {index.columns.front()}});
  }
  std::sort(suggested.begin(), suggested.end());
  Row row;
  row.method = "reimplementation of Dexter (baseline)";
  row.kind = "dexter";
  for (const auto& index : suggested) {
    if (!covered.count(index)) row.indexes.push_back(Hypothetical(index));
  }
  row.whatif_calls = (*whatif)->counters().planner_calls;
  row.advisor_seconds = Since(started);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Reimplementation of Extend (baseline)

Row RunExtend(verify::ScratchEnvironment& env, const model::Catalog& catalog, const std::vector<BenchQuery>& queries,
              int64_t budget_bytes, int max_width) {
  const auto started = Clock::now();
  auto created = verify::WhatIf::Create([&env] { return env.Connect(); }, {2, true});
  if (!created.ok()) Die("what-if for Extend", created.status());
  verify::WhatIf& whatif = **created;

  // Indexable attributes: the columns of the workload's predicates and joins.
  std::set<ColumnIndex> attribute_set;
  auto add = [&](const model::ColumnRef& ref) {
    const model::Table* table = catalog.FindTable(ref.table);
    if (table == nullptr || table->FindColumn(ref.column) == nullptr) return;
    attribute_set.insert({ref.table, {ref.column}});
  };
  for (const auto& query : queries) {
    for (const auto& predicate : query.model->predicates) add(predicate.column);
    for (const auto& join : query.model->joins) {
      add(join.left);
      add(join.right);
    }
  }
  const std::vector<ColumnIndex> attributes(attribute_set.begin(), attribute_set.end());

  std::map<ColumnIndex, int64_t> size;  // estimated_size, known once an index has been costed
  auto size_of = [&](const ColumnIndex& index) {
    auto it = size.find(index);
    if (it != size.end()) return it->second;
    auto bytes = whatif.EstimateSize(Hypothetical(index));
    if (!bytes.ok()) Die("Extend size estimate", bytes.status());
    return size[index] = std::max<int64_t>(*bytes, 1);
  };
  // Workload cost of many combinations at once (one CostAll, so both sessions work).
  auto costs_of = [&](const std::vector<std::vector<ColumnIndex>>& combinations) {
    std::vector<verify::CostRequest> requests;
    for (const auto& combination : combinations) {
      std::vector<verify::HypotheticalIndex> set;
      for (const auto& index : combination) set.push_back(Hypothetical(index));
      for (const auto& query : queries) requests.push_back({query.sql, query.tables, {RelevantTo(set, query), {}}});
    }
    auto answers = whatif.CostAll(requests);
    std::vector<double> totals(combinations.size(), 0);
    for (size_t i = 0; i < answers.size(); ++i) {
      if (!answers[i].ok()) Die("Extend what-if", answers[i].status());
      totals[i / queries.size()] += answers[i]->total_cost;
    }
    for (const auto& combination : combinations) {
      for (const auto& index : combination) size_of(index);  // store_size=True
    }
    return totals;
  };
  auto total_size = [&](const std::vector<ColumnIndex>& combination) {
    int64_t total = 0;
    for (const auto& index : combination) total += size_of(index);
    return total;
  };

  std::vector<ColumnIndex> combination;
  double current_cost = costs_of(std::vector<std::vector<ColumnIndex>>(1))[0];
  int steps = 0;
  while (true) {
    const int64_t combination_size = total_size(combination);
    // Steps to evaluate, in the reference implementation's order; old_size for extensions.
    std::vector<std::vector<ColumnIndex>> steps_to_cost;
    std::vector<int64_t> old_sizes;
    for (const auto& candidate : attributes) {
      auto known = size.find(candidate);
      if (known != size.end() && known->second + combination_size > budget_bytes) continue;  // _get_candidates_within_budget
      if (std::find(combination.begin(), combination.end(), candidate) != combination.end()) continue;
      auto next = combination;
      next.push_back(candidate);
      steps_to_cost.push_back(std::move(next));
      old_sizes.push_back(0);
    }
    for (const auto& attribute : attributes) {
      for (size_t position = 0; position < combination.size(); ++position) {
        const ColumnIndex& index = combination[position];
        if (static_cast<int>(index.columns.size()) >= max_width) continue;
        if (index.table != attribute.table) continue;  // appendable_by: same table, column not in the index
        if (std::find(index.columns.begin(), index.columns.end(), attribute.columns[0]) != index.columns.end())
          continue;
        ColumnIndex extended = index;
        extended.columns.push_back(attribute.columns[0]);
        if (std::find(combination.begin(), combination.end(), extended) != combination.end()) continue;
        auto next = combination;
        next.erase(next.begin() + static_cast<long>(position));
        next.push_back(extended);
        steps_to_cost.push_back(std::move(next));
        old_sizes.push_back(size_of(index));
      }
    }
    if (steps_to_cost.empty()) break;
    const std::vector<double> costs = costs_of(steps_to_cost);
    std::optional<size_t> best;
    double best_ratio = 0;
    for (size_t i = 0; i < steps_to_cost.size(); ++i) {
      if (costs[i] * 1.003 >= current_cost) continue;  // min_cost_improvement
      const double benefit = current_cost - costs[i];
      const int64_t difference = size_of(steps_to_cost[i].back()) - old_sizes[i];
      const double ratio = benefit / static_cast<double>(std::max<int64_t>(difference, 1));
      if (ratio > best_ratio && total_size(steps_to_cost[i]) <= budget_bytes) {
        best_ratio = ratio;
        best = i;
      }
    }
    if (!best) break;
    combination = steps_to_cost[*best];
    current_cost = costs[*best];
    ++steps;
  }
  Row row;
  row.method = fmt::format("reimplementation of Extend, width {} (baseline)", max_width);
  row.kind = "extend";
  for (const auto& index : combination) row.indexes.push_back(Hypothetical(index));
  row.whatif_calls = whatif.counters().planner_calls;
  row.advisor_seconds = Since(started);
  row.note = fmt::format("{} steps", steps);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// dbarch

Row RunDbarch(verify::ScratchEnvironment& env, const model::Catalog& catalog, const model::Workload& workload,
              int64_t budget_bytes, int run) {
  // A distinct leading comment per run: the environment's what-if cache then starts cold for this run.
  model::Workload tagged = workload;
  for (auto& query : tagged.queries) query.text = fmt::format("/* dbarch-bench run {} */ {}", run, query.text);
  verify::IndexAdvisorRunOptions options;
  options.measure = false;
  options.advisor.budget_bytes = budget_bytes;
  std::string last_stage;
  options.progress = [&](const std::string& stage, int64_t, int64_t) {
    if (stage != last_stage) Progress("  dbarch: {}", stage);
    last_stage = stage;
  };
  // DBARCH_DEBUG_ADVISOR=1: every what-if answer and search step on stderr, as `dbarch index` prints them.
  if (std::getenv("DBARCH_DEBUG_ADVISOR") != nullptr)
    options.trace = [](const std::string& line) { std::fprintf(stderr, "advisor: %s\n", line.c_str()); };
  analyzers::IndexAdvice advice = verify::AdviseIndexes(env, catalog, tagged, options);
  Row row;
  row.method = "dbarch";
  row.kind = "dbarch";
  if (!advice.ran) Die("dbarch advisor", Status::Internal(advice.not_run_reason));
  for (const auto& rec : advice.recommendations) row.indexes.push_back(verify::HypotheticalFrom(rec.index));
  row.whatif_calls = advice.whatif_calls;
  row.advisor_seconds = advice.seconds;
  row.note = fmt::format("{} candidates, {} useful; own estimate {:.3f}", advice.candidates_generated,
                         advice.candidates_useful,
                         advice.workload_cost_before > 0 ? advice.workload_cost_after / advice.workload_cost_before : 0);
  for (const auto& note : advice.notes) Progress("  dbarch note: {}", note);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

constexpr int kRepetitions = 3;

Measured MeasureSet(verify::ScratchEnvironment& env, const std::vector<BenchQuery>& queries,
                    const std::vector<verify::HypotheticalIndex>& set, int timeout_s) {
  Measured measured;
  auto connection = env.Connect();
  if (!connection.ok()) Die("connect", connection.status());
  connection->Execute("SET client_min_messages = warning");
  if (Status off = connection->Execute("SET pg_qualstats.enabled = off"); !off.ok())  // only its own run samples
    Progress("  warning: pg_qualstats stays on while measuring: {}", off.message());
  const auto build_started = Clock::now();
  std::vector<std::string> names;
  std::set<model::QualifiedName> tables;
  for (size_t i = 0; i < set.size(); ++i) {
    const std::string name = fmt::format("bench_idx_{}", i);
    if (Status built = connection->Execute(set[i].NamedDefinition(name)); !built.ok())
      Die("building " + set[i].definition, built);
    const std::string qualified = model::QualifiedName{set[i].table.schema, name}.ToSql();
    names.push_back(qualified);
    tables.insert(set[i].table);
    auto bytes = connection->QueryParams("SELECT pg_relation_size($1::regclass) AS bytes", {qualified});
    if (bytes.ok() && bytes->rows() == 1) measured.built_bytes += bytes->GetInt(0, "bytes");
  }
  for (const auto& table : tables) connection->Execute("VACUUM ANALYZE " + table.ToSql());
  measured.build_seconds = Since(build_started);

  for (const auto& query : queries) {
    auto explained = verify::Explain(*connection, query.sql);
    if (!explained.ok()) Die("planning " + query.label, explained.status());
    measured.built_costs.push_back(explained->plan.TotalCost());
  }
  connection->Execute(fmt::format("SET statement_timeout = '{}s'", timeout_s));
  for (const auto& query : queries) {
    QueryTime time;
    // The first run is the warm-up; a query that fast gets the median of kRepetitions more runs, a slow one
    // (≥ 5 s, where a warm cache makes no difference) keeps its first run.
    auto first = verify::TimeStatement(*connection, query.sql, {}, {0, 1});
    if (first.ok() && first->median_ms < 5000) first = verify::TimeStatement(*connection, query.sql, {}, {0, kRepetitions});
    if (first.ok()) {
      time.ms = first->median_ms;
    } else if (connection->sql_state() == "57014" || first.status().message().find("statement timeout") != std::string::npos) {
      time.timed_out = true;
      time.ms = timeout_s * 1000.0;
    } else {
      Die("timing " + query.label, first.status());
    }
    measured.times.push_back(time);
  }
  connection->Execute("SET statement_timeout = 0");
  for (const auto& name : names) connection->Execute("DROP INDEX " + name);
  return measured;
}

// ---------------------------------------------------------------------------------------------------------
// Output

std::string Mb(int64_t bytes) { return fmt::format("{:.1f}", static_cast<double>(bytes) / (1024.0 * 1024.0)); }

double Sum(const std::vector<double>& costs, const std::vector<BenchQuery>& queries, bool subset) {
  double total = 0;
  for (size_t i = 0; i < costs.size(); ++i) {
    if (!subset || queries[i].in_subset) total += costs[i];
  }
  return total;
}

size_t SubsetSize(const std::vector<BenchQuery>& queries) {
  size_t n = 0;
  for (const auto& query : queries) n += query.in_subset;
  return n;
}

std::string Seconds(const Measured* measured, const std::vector<BenchQuery>& queries, bool subset) {
  if (measured == nullptr) return "-";
  double total = 0;
  bool capped = false;
  for (size_t i = 0; i < queries.size(); ++i) {
    if (subset && !queries[i].in_subset) continue;
    total += measured->times[i].ms;
    capped = capped || measured->times[i].timed_out;
  }
  return fmt::format("{}{:.2f}", capped ? "≥" : "", total / 1000.0);
}

std::string BudgetLabel(const Row& row) { return row.budget ? fmt::format("{:.2f}", *row.budget) : "none"; }

// Pads a string that may hold multi-byte UTF-8 to `width` display columns.
std::string Pad(const std::string& text, size_t width, bool right = false) {
  size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80;
  if (columns >= width) return text;
  const std::string fill(width - columns, ' ');
  return right ? fill + text : text + fill;
}

// The measured run without indexes, whose planner costs the "built rel.cost" columns divide by; null when the
// sets were not built.
const Measured* BuiltBase(const std::vector<Row>& rows) {
  for (const Row& row : rows)
    if (row.kind == "none" && row.measured && !row.measured->built_costs.empty()) return row.measured;
  return nullptr;
}

void PrintTable(const std::vector<Row>& rows, const std::vector<BenchQuery>& queries, const std::vector<double>& base,
                int64_t data_bytes, bool with_measured, bool with_all, bool with_subset) {
  const double base_all = Sum(base, queries, false), base_subset = Sum(base, queries, true);
  const size_t all = queries.size(), subset = SubsetSize(queries);
  std::vector<std::string> header = {"method", "budget", "#idx", "size est. MB (% data)", "built MB"};
  std::vector<size_t> widths = {46, 6, 4, 21, 8};
  for (auto [wanted, n] : {std::pair{with_all, all}, std::pair{with_subset, subset}}) {
    if (!wanted) continue;
    header.push_back(fmt::format("rel.cost {}", n));
    widths.push_back(11);
  }
  const Measured* built_base = BuiltBase(rows);
  for (auto [wanted, n] : {std::pair{with_all, all}, std::pair{with_subset, subset}}) {
    if (!with_measured || !wanted) continue;
    header.push_back(fmt::format("built rel.cost {}", n));
    widths.push_back(17);
  }
  for (auto [wanted, n] : {std::pair{with_all, all}, std::pair{with_subset, subset}}) {
    if (!with_measured || !wanted) continue;
    header.push_back(fmt::format("measured s {}", n));
    widths.push_back(13);
  }
  header.insert(header.end(), {"what-if calls", "advisor s"});
  widths.insert(widths.end(), {13, 9});
  auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (size_t i = 0; i < cells.size(); ++i) line += " " + Pad(cells[i], widths[i], i > 0) + " |";
    std::printf("%s\n", line.c_str());
  };
  print_line(header);
  std::string rule = "|";
  for (size_t w : widths) rule += std::string(w + 2, '-') + "|";
  std::printf("%s\n", rule.c_str());
  for (const Row& row : rows) {
    std::vector<std::string> cells = {
        row.method, BudgetLabel(row), std::to_string(row.indexes.size()),
        fmt::format("{} ({:.0f}%)", Mb(row.estimated_bytes),
                    100.0 * static_cast<double>(row.estimated_bytes) / static_cast<double>(data_bytes)),
        row.measured ? Mb(row.measured->built_bytes) : "-"};
    if (with_all) cells.push_back(fmt::format("{:.4f}", Sum(row.costs, queries, false) / base_all));
    if (with_subset) cells.push_back(fmt::format("{:.4f}", Sum(row.costs, queries, true) / base_subset));
    for (bool in_subset : {false, true}) {
      if (!with_measured || !(in_subset ? with_subset : with_all)) continue;
      cells.push_back(built_base && row.measured ? fmt::format("{:.4f}", Sum(row.measured->built_costs, queries, in_subset) /
                                                                         Sum(built_base->built_costs, queries, in_subset))
                                                 : "-");
    }
    if (with_measured && with_all) cells.push_back(Seconds(row.measured, queries, false));
    if (with_measured && with_subset) cells.push_back(Seconds(row.measured, queries, true));
    cells.push_back(row.whatif_calls >= 0 ? std::to_string(row.whatif_calls) : "-");
    cells.push_back(row.advisor_seconds >= 0 ? fmt::format("{:.1f}", row.advisor_seconds) : "-");
    print_line(cells);
  }
}

// Whether two rows hold the same indexes, however each method spells them.
bool SameIndexes(const Row& a, const Row& b) {
  auto names = [](const Row& row) {
    std::vector<std::string> out;
    for (const auto& index : row.indexes) out.push_back(std::regex_replace(ShortName(index), std::regex(" \\("), "("));
    std::sort(out.begin(), out.end());
    return out;
  };
  return names(a) == names(b);
}

// dbarch's row at `budget`, or null.
const Row* DbarchRowAt(const std::vector<Row>& rows, double budget) {
  for (const Row& row : rows)
    if (row.kind == "dbarch" && row.budget && *row.budget == budget) return &row;
  return nullptr;
}

// dbarch's set at each budget against every baseline at that budget (or without one), over all queries and the
// subset, under one costing: `costs` gives a row's per-query costs (null when the row was not costed so), `bytes`
// its size for the over-budget remark, `explain` what else a lost comparison should say.
struct Tally {
  int comparisons = 0, not_worse = 0, lower = 0;
  std::vector<std::string> worse;
};

Tally Compare(const std::vector<Row>& rows, const std::vector<BenchQuery>& queries, const std::vector<double>& base,
              const std::vector<double>& budgets, bool with_all, bool with_subset, int64_t data_bytes,
              const std::function<const std::vector<double>*(const Row&)>& costs,
              const std::function<int64_t(const Row&)>& bytes,
              const std::function<std::string(const Row& other, bool subset, double ours)>& explain) {
  Tally tally;
  for (double budget : budgets) {
    const Row* mine = DbarchRowAt(rows, budget);
    if (mine == nullptr || !costs(*mine)) continue;
    for (const Row& other : rows) {
      if (other.kind == "dbarch" || !costs(other) || (other.budget && *other.budget != budget)) continue;
      for (bool subset : {false, true}) {
        if ((subset && !with_subset) || (!subset && !with_all)) continue;
        const double b = Sum(base, queries, subset);
        const double ours = Sum(*costs(*mine), queries, subset) / b;
        const double theirs = Sum(*costs(other), queries, subset) / b;
        ++tally.comparisons;
        // The same indexes are a tie, whatever HypoPG's creation order made of equal-cost plans.
        if (SameIndexes(*mine, other)) {
          ++tally.not_worse;
          continue;
        }
        tally.not_worse += ours <= theirs + 1e-9;
        tally.lower += ours < theirs - 1e-9;
        if (ours <= theirs + 1e-9) continue;
        const bool over = !other.budget && bytes(other) > static_cast<int64_t>(budget * static_cast<double>(data_bytes));
        tally.worse.push_back(fmt::format("budget {:.2f}, {} queries: dbarch {:.4f} > {} {:.4f}{}{}", budget,
                                          subset ? SubsetSize(queries) : queries.size(), ours, other.method, theirs,
                                          over ? " (that set is over this budget)" : "", explain(other, subset, ours)));
      }
    }
  }
  return tally;
}

// dbarch against every baseline at every budget: at least as low everywhere, lower at most, fewer calls than Extend.
void PrintVerdict(const std::vector<Row>& rows, const std::vector<BenchQuery>& queries, const std::vector<double>& base,
                  const std::vector<double>& budgets, bool with_all, bool with_subset, int64_t data_bytes) {
  for (double budget : budgets) {
    const Row* mine = DbarchRowAt(rows, budget);
    if (mine == nullptr) continue;
    for (const Row& other : rows) {
      if (other.kind == "extend" && other.budget && *other.budget == budget)
        std::printf("budget %.2f: what-if calls dbarch %lld vs Extend %lld (%s)\n", budget, mine->whatif_calls,
                    other.whatif_calls, mine->whatif_calls < other.whatif_calls ? "fewer" : "NOT fewer");
    }
  }
  const Tally whatif = Compare(
      rows, queries, base, budgets, with_all, with_subset, data_bytes, [](const Row& row) { return &row.costs; },
      [](const Row& row) { return row.estimated_bytes; },
      [&](const Row& other, bool subset, double ours) -> std::string {
        if (other.primary_key_copies.empty()) return "";
        // HypoPG may price a hypothetical copy of a primary key below the key itself; built, it is not.
        const double without = Sum(other.costs_without_copies, queries, subset) / Sum(base, queries, subset);
        return fmt::format(" (that set holds hypothetical copies of primary keys — {}; without them {:.4f}: dbarch {})",
                           fmt::join(other.primary_key_copies, ", "), without,
                           ours < without - 1e-9 ? "lower" : ours <= without + 1e-9 ? "as low" : "still higher");
      });
  std::printf("relative cost: dbarch at least as low in %d of %d comparisons, strictly lower in %d\n",
              whatif.not_worse, whatif.comparisons, whatif.lower);
  for (const auto& line : whatif.worse) std::printf("  worse: %s\n", line.c_str());
  // The same comparisons with the sets built for real: the planner's costs without HypoPG's size estimates.
  const Measured* built_base = BuiltBase(rows);
  if (built_base == nullptr || !with_all) return;
  const Tally built = Compare(
      rows, queries, built_base->built_costs, budgets, with_all, with_subset, data_bytes,
      [](const Row& row) { return row.measured ? &row.measured->built_costs : nullptr; },
      [](const Row& row) { return row.measured->built_bytes; },
      [](const Row&, bool, double) { return std::string(); });
  std::printf("built for real: dbarch at least as low in %d of %d comparisons, strictly lower in %d\n",
              built.not_worse, built.comparisons, built.lower);
  for (const auto& line : built.worse) std::printf("  worse: %s\n", line.c_str());
}

void PrintSets(const std::vector<Row>& rows, const std::vector<BenchQuery>& queries, const std::vector<double>& base) {
  std::set<std::string> printed;
  for (const Row& row : rows) {
    const std::string key = row.kind + "\x1f" + SetKey(row.indexes);
    std::string line = fmt::format("{} [{}]", row.method, BudgetLabel(row));
    if (!row.note.empty()) line += " (" + row.note + ")";
    if (printed.count(key)) {
      std::printf("%s: same set as the previous budget\n", line.c_str());
      continue;
    }
    printed.insert(key);
    std::vector<std::string> names;
    for (const auto& index : row.indexes) names.push_back(ShortName(index));
    std::printf("%s: %s\n", line.c_str(), names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", ")).c_str());
    // Per-query relative costs where they moved.
    std::vector<std::string> moved;
    for (size_t i = 0; i < queries.size(); ++i) {
      if (base[i] > 0 && std::fabs(row.costs[i] / base[i] - 1) > 0.005)
        moved.push_back(fmt::format("{} {:.2f}", queries[i].label, row.costs[i] / base[i]));
    }
    if (!moved.empty()) std::printf("    per-query cost ratio: %s\n", fmt::format("{}", fmt::join(moved, ", ")).c_str());
    if (!row.primary_key_copies.empty()) {
      double with = 0, without = 0, b = 0;
      for (size_t i = 0; i < queries.size(); ++i) {
        with += row.costs[i];
        without += row.costs_without_copies[i];
        b += base[i];
      }
      std::printf("    hypothetical copies of primary keys: %s; relative cost without them %.4f (with %.4f)\n",
                  fmt::format("{}", fmt::join(row.primary_key_copies, ", ")).c_str(), without / b, with / b);
    }
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("reading " + path, Status::IoError("cannot open"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<double> ParseList(const std::string& text) {
  std::vector<double> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) out.push_back(std::stod(item));
  return out;
}

// The advisors on one workload; the rows in table order.
struct Suite {
  std::vector<BenchQuery> queries;
  model::Workload workload;
  std::vector<Row> rows;
  std::vector<double> base;
};

void RunAdvisors(verify::ScratchEnvironment& env, const model::Catalog& catalog, const Options& options,
                 int64_t data_bytes, Suite* suite, int* dbarch_run) {
  Row none;
  none.method = "no indexes (primary keys only)";
  none.kind = "none";
  suite->rows.push_back(none);

  Progress("pg_qualstats: running the {} queries once (sample_rate 1)", suite->queries.size());
  double workload_seconds = 0;
  suite->rows.push_back(RunQualstats(env, suite->queries, &workload_seconds));
  Progress("pg_qualstats: {} indexes", suite->rows.back().indexes.size());

  suite->rows.push_back(RunDexter(env, catalog, suite->queries));
  Progress("Dexter: {} indexes, {} what-if calls, {:.1f} s", suite->rows.back().indexes.size(),
           suite->rows.back().whatif_calls, suite->rows.back().advisor_seconds);

  for (double budget : options.budgets) {
    const auto budget_bytes = static_cast<int64_t>(budget * static_cast<double>(data_bytes));
    Progress("dbarch, budget {:.2f} ({} MB)", budget, Mb(budget_bytes));
    Row dbarch = RunDbarch(env, catalog, suite->workload, budget_bytes, ++*dbarch_run);
    dbarch.budget = budget;
    Progress("dbarch: {} indexes, {} what-if calls, {:.1f} s", dbarch.indexes.size(), dbarch.whatif_calls,
             dbarch.advisor_seconds);
    for (const auto& index : dbarch.indexes) Progress("  dbarch index: {}", index.definition);
    Progress("Extend, budget {:.2f}", budget);
    Row extend = RunExtend(env, catalog, suite->queries, budget_bytes, options.extend_width);
    extend.budget = budget;
    Progress("Extend: {} indexes, {} what-if calls, {:.1f} s", extend.indexes.size(), extend.whatif_calls,
             extend.advisor_seconds);
    for (const auto& index : extend.indexes) Progress("  Extend index: {}", index.definition);
    suite->rows.push_back(std::move(dbarch));
    suite->rows.push_back(std::move(extend));
  }
}

// A plain B-tree whose key columns are exactly its table's primary key.
bool CopiesPrimaryKey(const model::Catalog& catalog, const verify::HypotheticalIndex& index) {
  if (index.method != "btree") return false;
  const model::Table* table = catalog.FindTable(index.table);
  const model::Constraint* key = table ? table->PrimaryKey() : nullptr;
  if (!key) return false;
  auto parsed = sql::ParseOne(index.definition);
  if (!parsed.ok() || !parsed->has_index_stmt()) return false;
  const auto& stmt = parsed->index_stmt();
  if (stmt.has_where_clause() || stmt.index_including_params_size() > 0) return false;
  std::vector<std::string> columns;
  for (const auto& param : stmt.index_params()) {
    if (!param.has_index_elem() || param.index_elem().name().empty()) return false;
    columns.push_back(param.index_elem().name());
  }
  return columns == key->columns;
}

void Evaluate(verify::ScratchEnvironment& env, const model::Catalog& catalog, Suite* suite) {
  auto evaluator = verify::WhatIf::Create([&env] { return env.Connect(); }, {2, true});
  if (!evaluator.ok()) Die("evaluator what-if", evaluator.status());
  suite->base = CostQueries(**evaluator, suite->queries, {});
  std::map<std::string, int64_t> sizes;
  for (Row& row : suite->rows) {
    row.costs = CostQueries(**evaluator, suite->queries, row.indexes);
    std::vector<verify::HypotheticalIndex> without;
    for (const auto& index : row.indexes) {
      if (CopiesPrimaryKey(catalog, index)) row.primary_key_copies.push_back(ShortName(index));
      else without.push_back(index);
    }
    if (!row.primary_key_copies.empty()) row.costs_without_copies = CostQueries(**evaluator, suite->queries, without);
    row.estimated_bytes = 0;
    for (const auto& index : row.indexes) {
      auto it = sizes.find(index.definition);
      if (it == sizes.end()) {
        auto bytes = (*evaluator)->EstimateSize(index);
        if (!bytes.ok()) Die("size estimate of " + index.definition, bytes.status());
        it = sizes.emplace(index.definition, *bytes).first;
      }
      row.estimated_bytes += it->second;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
#ifdef DBARCH_SOURCE_DIR
  options.root = DBARCH_SOURCE_DIR;
#endif
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("argument " + arg, Status::InvalidInput("needs a value"));
      return argv[++i];
    };
    if (arg == "--root") options.root = value();
    else if (arg == "--workload") options.workload = value();
    else if (arg == "--sf") options.sf = std::stod(value());
    else if (arg == "--seed") options.seed = std::stod(value());
    else if (arg == "--budgets") options.budgets = ParseList(value());
    else if (arg == "--extend-width") options.extend_width = std::stoi(value());
    else if (arg == "--timeout") options.timeout_s = std::stoi(value());
    else if (arg == "--no-measure") options.measure = false;
    else if (arg == "--no-19") options.also_19 = false;
    else {
      std::fprintf(stderr,
                   "usage: index_advisor_bench [--root DIR] [--workload tpch|job] [--sf 0.1 (tpch), 1 (job)] "
                   "[--seed 0.5] [--budgets 0.1,0.25,0.5,1] [--extend-width 2] [--timeout 120] [--no-measure] "
                   "[--no-19]\n");
      return 2;
    }
  }
  auto found = bench::FindIndexAdvisorWorkload(options.workload, options.root);
  if (!found.ok()) Die("--workload", found.status());
  const bench::IndexAdvisorWorkload& spec = *found;
  const double scale = options.sf.value_or(spec.default_scale);

  // The schema model and the workload.
  auto schema_file = sql::ParseFile((spec.dir / "schema.sql").string());
  if (!schema_file.ok()) Die("schema.sql", schema_file.status());
  model::Catalog catalog;
  Diagnostics diagnostics;
  sources::DdlReplayer(&catalog).ApplyFile(*schema_file, &diagnostics);
  auto queries_sql = spec.QueriesSql(scale);
  if (!queries_sql.ok()) Die("queries", queries_sql.status());
  auto workload_file = sql::ParseString(spec.name + " workload", *queries_sql);
  if (!workload_file.ok()) Die("workload", workload_file.status());
  // "all" = every query of the workload; "subset" = without the spec's dominant queries (TPC-H's 19).
  Suite all;
  sources::AddWorkloadFile(*workload_file, catalog, &all.workload);
  if (all.workload.queries.size() != spec.query_count)
    Die("workload", Status::Internal(fmt::format("{} queries, expected {}", all.workload.queries.size(),
                                                 spec.query_count)));
  auto bench_queries = [&](const model::Workload& workload) {
    std::vector<BenchQuery> out;
    for (const auto& query : workload.queries) {
      BenchQuery bench{query.label, query.text, spec.InSubset(query.label), {}, &query};
      for (const auto& table : query.tables) {
        if (catalog.FindTable(table) != nullptr &&
            std::find(bench.tables.begin(), bench.tables.end(), table) == bench.tables.end())
          bench.tables.push_back(table);
      }
      out.push_back(std::move(bench));
    }
    return out;
  };
  all.queries = bench_queries(all.workload);
  const bool with_subset = spec.has_subset();
  const bool run_subset = with_subset && options.also_19;
  const std::string dominant = fmt::format("{}", fmt::join(spec.dominant, ", "));

  // The scratch cluster, with pg_qualstats preloaded; the data loaded by the workload's generate.sql.
  verify::ScratchEnvironmentOptions env_options;
  env_options.generate_data = false;
  env_options.cluster.settings["shared_preload_libraries"] = "'pg_stat_statements,pg_qualstats'";
  env_options.cluster.settings["pg_qualstats.sample_rate"] = "1";
  env_options.connections = 2;
  Progress("starting the scratch cluster");
  auto prepared = verify::ScratchEnvironment::Prepare(catalog, env_options);
  if (!prepared.ok()) Die("scratch environment", prepared.status());
  verify::ScratchEnvironment& env = **prepared;
  {
    auto connection = env.Connect();
    if (!connection.ok()) Die("connect", connection.status());
    connection->Execute("SET client_min_messages = warning");
    connection->Execute("SET pg_qualstats.enabled = off");
    if (Status s = connection->Execute("CREATE EXTENSION IF NOT EXISTS pg_qualstats"); !s.ok()) Die("pg_qualstats", s);
    // dbarch installs pg_trgm when it considers a trigram index; installed up front, every method (and both
    // pg_qualstats runs) sees the same database.
    if (Status s = connection->Execute("CREATE EXTENSION IF NOT EXISTS pg_trgm"); !s.ok()) Die("pg_trgm", s);
    Progress("loading {} {} (seed {})", spec.title, scale, options.seed);
    if (Status s = connection->Execute(spec.SettingsSql(scale, options.seed)); !s.ok()) Die("settings table", s);
    if (Status s = connection->Execute(ReadFile((spec.dir / "generate.sql").string())); !s.ok()) Die("generate.sql", s);
    if (Status s = connection->Execute("VACUUM ANALYZE"); !s.ok()) Die("VACUUM ANALYZE", s);
  }
  if (Status s = env.RefreshStatistics(); !s.ok()) Die("statistics", s);
  int64_t data_bytes = 0;
  for (const auto& [name, table] : env.statistics().tables) data_bytes += table.table_bytes;
  Progress("loaded: {} MB of table data; {}", Mb(data_bytes), env.server_version());

  int dbarch_run = 0;
  RunAdvisors(env, catalog, options, data_bytes, &all, &dbarch_run);
  Suite subset;
  if (run_subset) {
    for (const auto& query : all.workload.queries) {
      if (spec.InSubset(query.label)) subset.workload.queries.push_back(query);
    }
    subset.queries = bench_queries(subset.workload);
    Progress("the advisors again on the {}-query workload (without {})", subset.queries.size(), dominant);
    RunAdvisors(env, catalog, options, data_bytes, &subset, &dbarch_run);
  }

  Progress("costing every set on a fresh what-if engine");
  Evaluate(env, catalog, &all);
  if (run_subset) Evaluate(env, catalog, &subset);

  std::map<std::string, Measured> measured;  // by set
  if (options.measure) {
    std::vector<Row*> order;
    for (Row& row : all.rows) order.push_back(&row);
    for (size_t i = 0; i < order.size(); ++i) {
      const std::string key = SetKey(order[i]->indexes);
      if (!measured.count(key)) {
        Progress("measuring {} [{}]: {} indexes", order[i]->method, BudgetLabel(*order[i]), order[i]->indexes.size());
        measured[key] = MeasureSet(env, all.queries, order[i]->indexes, options.timeout_s);
        Progress("  built in {:.1f} s; {} s for the {} queries", measured[key].build_seconds,
                 Seconds(&measured[key], all.queries, false), all.queries.size());
      }
      order[i]->measured = &measured[key];
    }
  }

  const size_t n_all = all.queries.size(), n_subset = SubsetSize(all.queries);
  std::printf("%s %g (seed %g, %s), %s; table data %s MB; budgets × table data; "
              "relative cost = Σ planner cost with the set (HypoPG) ÷ without; %s"
              "built rel.cost = the same with the set built for real (EXPLAIN after VACUUM ANALYZE); "
              "measured: median of 3 runs after a warm-up (queries ≥ 5 s: one run), timeout %d s\n\n",
              spec.title.c_str(), scale, options.seed, spec.parameters.c_str(), env.server_version().c_str(),
              Mb(data_bytes).c_str(),
              with_subset ? fmt::format("{} = without {}; ", n_subset, dominant).c_str() : "", options.timeout_s);
  PrintTable(all.rows, all.queries, all.base, data_bytes, options.measure, true, with_subset);
  std::printf("\n");
  PrintVerdict(all.rows, all.queries, all.base, options.budgets, true, with_subset, data_bytes);
  if (run_subset) {
    std::printf("\nAdvisors run on the %zu-query workload (without %s), what-if only:\n\n", n_subset,
                dominant.c_str());
    PrintTable(subset.rows, subset.queries, subset.base, data_bytes, false, false, true);
    std::printf("\n");
    PrintVerdict(subset.rows, subset.queries, subset.base, options.budgets, false, true, data_bytes);
  }
  std::printf("\nIndex sets (%zu-query workload):\n", n_all);
  PrintSets(all.rows, all.queries, all.base);
  if (run_subset) {
    std::printf("\nIndex sets (%zu-query workload):\n", n_subset);
    PrintSets(subset.rows, subset.queries, subset.base);
  }
  if (options.measure) {
    std::printf("\nMeasured per query (ms; * = timeout):\n%-10s", "set");
    for (const auto& query : all.queries) std::printf(" %7s", query.label.c_str());
    std::printf("\n");
    std::set<std::string> printed;
    for (const Row& row : all.rows) {
      const std::string key = SetKey(row.indexes);
      if (!row.measured || printed.count(key)) continue;
      printed.insert(key);
      std::string name = row.kind + (row.budget ? fmt::format("@{:g}", *row.budget) : "");
      std::printf("%-10s", name.c_str());
      for (const auto& time : row.measured->times)
        std::printf(" %7s", time.timed_out ? "*" : fmt::format("{:.0f}", time.ms).c_str());
      std::printf("\n");
    }
  }
  return 0;
}
