// The flags every command that proves its advice shares — the live database (--db), the scratch cluster
// (--no-verify, --rows, --scale, --seed, --pg-bindir, --keep-scratch) and the index advisor's limits
// (--budget, --max-indexes) — plus loading the inputs (files and/or --db) and running the verification.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "analyzers/index_advisor.h"
#include "cli/cli_common.h"
#include "model/statistics.h"
#include "report/report.h"

namespace dbarch::cli {

struct ScratchFlags {
  std::string db;              // --db URL ("" = none; "env" = the PG* environment variables)
  bool no_verify = false;
  int64_t rows = 0;            // --rows N: rows per table (0 = by role or live statistics)
  double scale = 1.0;
  uint64_t seed = 1;
  std::string pg_bindir;
  bool keep_scratch = false;
  int repetitions = 5;
  std::string budget;          // --budget: "2GB", "500MB", "0.25x" (of table data), "" = none
  int max_indexes = 0;
  bool no_measure = false;     // --no-measure: advisor picks by planner cost only, no real builds
};

void AddScratchFlags(CLI::App* command, ScratchFlags* flags);

// Everything a command reads: the project's files and, with --db, the live schema (when no DDL files are
// given), statistics and pg_stat_statements. Problems reading the live database become diagnostics.
struct Inputs {
  sources::LoadedProject project;
  std::optional<model::Statistics> live_statistics;
  std::optional<analyzers::logs::LogSummary> log_summary;  // the --log files' analysis
  bool has_live_database = false;
};
Result<Inputs> LoadInputs(const sources::LoadOptions& files, const ScratchFlags& flags, const GlobalOptions& global);

struct ScratchRunOptions {
  bool check_workload = true;   // plan and time every workload query (the report's evidence)
  bool advise_indexes = true;
  bool check_rewrites = true;   // prove the workload's query rewrites (analyzers/rewrite.h)
  bool check_summaries = true;  // prove the summaries for heavy aggregates (analyzers/denormalize.h)
};

struct ScratchRun {
  report::ScratchEvidence evidence;
  analyzers::IndexAdvice index_advice;
};

// Loads the schema into a scratch cluster, fills it with synthetic data (shaped by `live` when given), plans and
// times every workload query and runs the index advisor. Never fails the run: a problem becomes
// ScratchEvidence::not_run_reason (and the advice's not_run_reason).
ScratchRun RunScratch(const model::Catalog& catalog, const model::Workload& workload, const model::Statistics* live,
                      const ScratchFlags& flags, const GlobalOptions& global, const ScratchRunOptions& run_options);

// RunScratch on the loaded inputs, for a command that proves one kind of advice (`run_options` keeps only its
// checks). When no server could be started, `*not_verified` says why ("no scratch PostgreSQL: …") and the reason is
// printed as a warning unless --quiet; otherwise it is emptied.
ScratchRun RunScratchFor(const Inputs& inputs, const ScratchFlags& flags, const GlobalOptions& global,
                         const ScratchRunOptions& run_options, std::string* not_verified);

}  // namespace dbarch::cli
