// The flags every command that proves its advice shares — the live database (--db) and the scratch
// cluster (--no-verify, --rows, --scale, --seed, --pg-bindir, --keep-scratch) — and running the verification
// that fills the report's scratch evidence.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

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
};

void AddScratchFlags(CLI::App* command, ScratchFlags* flags);

// Loads the schema into a scratch cluster, fills it with synthetic data (shaped by `live` when given) and
// plans and times every workload query. Never fails the run: a problem becomes ScratchEvidence::not_run_reason.
report::ScratchEvidence RunScratchEvidence(const model::Catalog& catalog, const model::Workload& workload,
                                           const model::Statistics* live, const ScratchFlags& flags,
                                           const GlobalOptions& global);

}  // namespace dbarch::cli
