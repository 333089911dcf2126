#include "verify/scratch_environment.h"

#include <set>

#include <fmt/format.h>

#include "model/catalog_sql.h"
#include "sources/live/live_statistics.h"
#include "verify/apply_sql.h"

namespace dbarch::verify {
namespace {

// Extensions the schema uses that this PostgreSQL installation does not have are left out (with a note);
// objects that need them will then fail to be created and say so.
std::set<std::string> AvailableExtensions(PgConnection& connection) {
  std::set<std::string> names;
  auto rows = connection.Query("SELECT name FROM pg_available_extensions");
  if (rows.ok()) {
    for (int i = 0; i < rows->rows(); ++i) names.insert(std::string(rows->Get(i, 0)));
  }
  return names;
}

}  // namespace

ScratchEnvironment::~ScratchEnvironment() {
  whatif_.reset();  // close the sessions before the server goes
  if (cluster_) cluster_->Stop();
}

Result<std::unique_ptr<ScratchEnvironment>> ScratchEnvironment::Prepare(const model::Catalog& catalog,
                                                                        const ScratchEnvironmentOptions& options) {
  auto report = [&](const std::string& stage, int64_t done, int64_t total) {
    if (options.progress) options.progress(stage, done, total);
  };
  std::unique_ptr<ScratchEnvironment> environment(new ScratchEnvironment());
  report("starting PostgreSQL", 0, 1);
  auto cluster = ScratchCluster::Start(options.cluster);
  if (!cluster.ok()) return cluster.status();
  environment->cluster_ = std::move(cluster).value();
  auto created = environment->cluster_->CreateDatabase(environment->database_);
  if (!created.ok()) return created.status();
  auto connection = environment->Connect();
  if (!connection.ok()) return connection.status();

  report("creating schema", 0, 1);
  model::Catalog copy = catalog;
  const std::set<std::string> available = AvailableExtensions(*connection);
  for (auto it = copy.extensions.begin(); it != copy.extensions.end();) {
    if (available.count(it->first) == 0) {
      environment->notes_.push_back(fmt::format(
          "extension {} is not installed on this machine's PostgreSQL; the scratch copy is built without it", it->first));
      it = copy.extensions.erase(it);
    } else {
      ++it;
    }
  }
  model::CatalogSqlOptions sql_options;
  sql_options.include_roles = true;  // policies name roles; the cluster is private, so creating them is harmless
  const std::string script = model::CatalogToSql(copy, sql_options);
  Status applied = ApplyScript(*connection, script, "scratch schema (generated from the model)", &environment->notes_);
  if (!applied.ok()) {
    return Status::Unavailable("the schema could not be created on the scratch PostgreSQL: " + applied.ToString());
  }

  if (options.generate_data) {
    DataGenerationOptions data_options = options.data;
    if (options.statistics != nullptr) data_options.shape = options.statistics;
    auto user_progress = data_options.progress;
    data_options.progress = [&, user_progress](int64_t done, int64_t total) {
      report("loading data", done, total);
      if (user_progress) user_progress(done, total);
    };
    auto data = GenerateData(catalog, data_options, *connection);
    if (!data.ok()) return Status::Unavailable("synthetic data could not be loaded: " + data.status().ToString());
    environment->data_ = std::move(data).value();
    // Production tables are vacuumed, so their pages are all-visible and index-only scans are worth planning;
    // freshly loaded ones are not until VACUUM sets the visibility map.
    report("vacuuming", 0, 1);
    DBARCH_RETURN_IF_ERROR(connection->Execute("VACUUM"));
  }
  auto statistics = sources::ReadLiveStatistics(*connection, {true});
  if (statistics.ok()) {
    environment->statistics_ = std::move(statistics).value();
    environment->statistics_.origin = model::Statistics::Origin::kSynthetic;
  }

  const std::string database = environment->database_;
  ScratchCluster* scratch = environment->cluster_.get();
  auto whatif = WhatIf::Create([scratch, database] { return scratch->Connect(database); },
                               {options.connections, true});
  if (!whatif.ok()) return whatif.status();
  environment->whatif_ = std::move(whatif).value();
  if (!environment->whatif_->hypopg_available()) {
    environment->notes_.push_back("HypoPG is not installed: hypothetical indexes are built for real in rolled-back "
                                  "transactions, which is slower (apt-get install postgresql-15-hypopg)");
  }
  report("ready", 1, 1);
  return environment;
}

Status ScratchEnvironment::RefreshStatistics() {
  // The what-if's built GIN/GiST copies would show up as indexes (sizes, idx_scan) of the tables.
  if (whatif_) DBARCH_RETURN_IF_ERROR(whatif_->DropBuiltIndexes());
  auto connection = Connect();
  if (!connection.ok()) return connection.status();
  auto statistics = sources::ReadLiveStatistics(*connection, {true});
  if (!statistics.ok()) return statistics.status();
  statistics_ = std::move(statistics).value();
  statistics_.origin = model::Statistics::Origin::kSynthetic;
  return Status::Ok();
}

}  // namespace dbarch::verify
