// RecommendConfiguration: checks the facts, profiles the workload, and lets each area add its settings.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers {

namespace {

// The order of areas in the rendered postgresql.conf.
int CategoryRank(const std::string& category) {
  static const char* kOrder[] = {"connections", "memory", "wal", "planner", "parallelism", "autovacuum",
                                 "observability"};
  for (int i = 0; i < static_cast<int>(std::size(kOrder)); ++i) {
    if (category == kOrder[i]) return i;
  }
  return static_cast<int>(std::size(kOrder));
}

std::string Fact(const std::string& what, const std::string& origin) {
  return origin.empty() ? what : fmt::format("{} ({})", what, origin);
}

}  // namespace

std::string_view StorageKindName(StorageKind kind) {
  switch (kind) {
    case StorageKind::kSsd: return "ssd";
    case StorageKind::kHdd: return "hdd";
    case StorageKind::kNetwork: return "network";
  }
  return "ssd";
}

std::string_view WorkloadClassName(WorkloadClass kind) {
  switch (kind) {
    case WorkloadClass::kWeb: return "web";
    case WorkloadClass::kOltp: return "oltp";
    case WorkloadClass::kWarehouse: return "dw";
    case WorkloadClass::kMixed: return "mixed";
  }
  return "mixed";
}

std::optional<StorageKind> ParseStorageKind(std::string_view text) {
  if (text == "ssd" || text == "nvme") return StorageKind::kSsd;
  if (text == "hdd") return StorageKind::kHdd;
  if (text == "network" || text == "san" || text == "cloud") return StorageKind::kNetwork;
  return std::nullopt;
}

std::optional<WorkloadClass> ParseWorkloadClass(std::string_view text) {
  if (text == "web") return WorkloadClass::kWeb;
  if (text == "oltp") return WorkloadClass::kOltp;
  if (text == "dw" || text == "warehouse") return WorkloadClass::kWarehouse;
  if (text == "mixed") return WorkloadClass::kMixed;
  return std::nullopt;
}

std::string TableStorageOverride::Sql() const {
  std::string params;
  for (const auto& [name, value] : parameters) {
    if (!params.empty()) params += ", ";
    params += name + " = " + value;
  }
  return fmt::format("ALTER TABLE {} SET ({});", table.ToSql(), params);
}

const RecommendedSetting* TuneAdvice::Find(std::string_view name) const {
  auto it = std::find_if(settings.begin(), settings.end(), [&](const RecommendedSetting& s) { return s.name == name; });
  return it == settings.end() ? nullptr : &*it;
}

TuneRequest AssumedServer() {
  TuneRequest request;
  request.hardware.ram_bytes = 16LL * 1024 * 1024 * 1024;
  request.hardware.cpus = 4;
  request.hardware.storage = StorageKind::kSsd;
  request.hardware.ram_origin = request.hardware.cpus_origin = request.hardware.storage_origin = "assumed";
  return request;
}

namespace tune {

std::string TuneContext::RamFact() const {
  return Fact(HumanMemory(ram_kb), request.hardware.ram_origin);
}
std::string TuneContext::CpuFact() const {
  return Fact(fmt::format("{} CPU{}", Cpus(), Cpus() == 1 ? "" : "s"), request.hardware.cpus_origin);
}
std::string TuneContext::StorageFact() const {
  static const char* kNames[] = {"SSD", "HDD", "network storage"};
  return Fact(kNames[static_cast<int>(Storage())], request.hardware.storage_origin);
}

int PooledServerConnections(const HardwareFacts& hardware) {
  // PgBouncer's (and HikariCP's) rule of thumb: (2 × cores) + effective spindles; an SSD counts as one.
  const int spindles = hardware.storage == StorageKind::kHdd ? 2 : 1;
  return 2 * std::max(1, hardware.cpus) + spindles;
}

int DeriveMaxConnections(const TuneRequest& request) {
  if (request.max_connections > 0) return request.max_connections;
  // The pool, a second pool of the same size (failover, a second application), and 20 for superuser,
  // replication, monitoring and migrations.
  return 2 * PooledServerConnections(request.hardware) + 20;
}

void AddSetting(TuneAdvice& advice, std::string name, std::string value, std::string category, std::string reason,
                std::string postgres_default, bool restart_required) {
  RecommendedSetting s;
  s.name = std::move(name);
  s.value = std::move(value);
  s.category = std::move(category);
  s.reason = std::move(reason);
  s.postgres_default = std::move(postgres_default);
  s.restart_required = restart_required;
  advice.settings.push_back(std::move(s));
}

std::string HumanMemory(int64_t kb) {
  if (kb >= kGb) return fmt::format("{:g} GB", std::round(static_cast<double>(kb) / kGb * 10) / 10);
  if (kb >= kMb) return fmt::format("{} MB", kb / kMb);
  return fmt::format("{} kB", kb);
}

int64_t RoundMemoryKb(int64_t kb) {
  if (kb >= 4 * kGb) return kb / kGb * kGb;
  if (kb >= kGb) return kb / (64 * kMb) * (64 * kMb);
  if (kb >= kMb) return kb / kMb * kMb;
  return kb;
}

}  // namespace tune

Result<TuneAdvice> RecommendConfiguration(const TuneRequest& request, const model::Catalog& catalog,
                                          const model::Workload& workload, const model::Statistics* statistics) {
  if (request.hardware.ram_bytes < 256LL * 1024 * 1024) {
    return Status::InvalidInput(fmt::format("RAM must be at least 256MB to tune for (got {} bytes)",
                                            request.hardware.ram_bytes));
  }
  if (request.hardware.cpus < 1) return Status::InvalidInput("the server needs at least one CPU");
  if (request.max_connections < 0) return Status::InvalidInput("max_connections must be positive");

  tune::TuneContext context{request, catalog, workload, statistics, ops::EstimatePressure(workload), {}, 0, 0, {}};
  context.profile = tune::ClassifyWorkload(workload, statistics, request.workload_class);
  context.max_connections = tune::DeriveMaxConnections(request);
  context.ram_kb = request.hardware.ram_bytes / 1024;
  if (statistics != nullptr && !statistics->tables.empty()) {
    int64_t total = 0;
    for (const auto& [name, t] : statistics->tables) total += t.total_bytes;
    if (total > 0) context.data_bytes = total;
  }

  TuneAdvice advice;
  advice.hardware = request.hardware;
  advice.profile = context.profile;
  advice.max_connections = context.max_connections;
  tune::AddConnectionSettings(context, advice);
  tune::AddMemorySettings(context, advice);
  tune::AddWalSettings(context, advice);
  tune::AddPlannerSettings(context, advice);
  tune::AddParallelSettings(context, advice);
  tune::AddAutovacuumSettings(context, advice);
  tune::AddObservabilitySettings(context, advice);
  tune::AddTableOverrides(context, advice);
  advice.pooler = tune::AdvisePooler(context);
  std::stable_sort(advice.settings.begin(), advice.settings.end(),
                   [](const RecommendedSetting& a, const RecommendedSetting& b) {
                     return CategoryRank(a.category) < CategoryRank(b.category);
                   });
  return advice;
}

}  // namespace dbarch::analyzers
