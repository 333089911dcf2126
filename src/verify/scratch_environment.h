// The scratch environment every experiment runs in: a private cluster (ScratchCluster), a database holding
// a copy of the schema (written from the model with CatalogToSql, so a live database's schema and a
// repository's come out the same way) filled with synthetic data shaped by live statistics when there are
// any, and a what-if engine on it. Built once per run and shared by the index advisor, the migration
// planner, normalization and tuning; everything is removed when it is destroyed.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/statistics.h"
#include "verify/data_generator.h"
#include "verify/scratch_cluster.h"
#include "verify/whatif.h"

namespace dbarch::verify {

struct ScratchEnvironmentOptions {
  ScratchClusterOptions cluster;
  DataGenerationOptions data;  // row counts, scale, seed, CSV files; data.shape is set from `statistics`
  const model::Statistics* statistics = nullptr;  // live statistics to imitate; nullptr = defaults
  bool generate_data = true;
  int connections = 2;  // what-if sessions
  // Called with a stage name ("starting PostgreSQL", "creating schema", "loading data") and progress.
  std::function<void(const std::string& stage, int64_t done, int64_t total)> progress;
};

class ScratchEnvironment {
 public:
  static Result<std::unique_ptr<ScratchEnvironment>> Prepare(const model::Catalog& catalog,
                                                             const ScratchEnvironmentOptions& options);
  ~ScratchEnvironment();

  ScratchCluster& cluster() { return *cluster_; }
  const std::string& database() const { return database_; }
  Result<PgConnection> Connect() const { return cluster_->Connect(database_); }
  WhatIf& whatif() { return *whatif_; }
  const DataGenerationResult& data() const { return data_; }
  // Row counts and sizes of the loaded data, as ANALYZE left them.
  const model::Statistics& statistics() const { return statistics_; }
  // Reads the statistics again — after loading data of one's own (generate_data = false) and ANALYZE.
  Status RefreshStatistics();
  std::string server_version() const { return cluster_->binaries().version_string; }
  // What had to be left out or changed to build the copy (unavailable extensions, …).
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  ScratchEnvironment() = default;
  std::unique_ptr<ScratchCluster> cluster_;
  std::string database_ = "dbarch";
  std::unique_ptr<WhatIf> whatif_;
  DataGenerationResult data_;
  model::Statistics statistics_;
  std::vector<std::string> notes_;
};

}  // namespace dbarch::verify
