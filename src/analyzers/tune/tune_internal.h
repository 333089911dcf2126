// Shared by the pieces of RecommendConfiguration: what every piece reads (the request, the schema, the
// workload and its per-table pressure, the statistics, the workload profile) and how a setting is added.
// Each Add*Settings file owns one area of postgresql.conf and explains its own numbers.
#pragma once

#include <optional>
#include <string>

#include "analyzers/ops/ops_internal.h"
#include "analyzers/tune.h"

namespace dbarch::analyzers::tune {

inline constexpr int64_t kMb = 1024;             // in kB
inline constexpr int64_t kGb = 1024 * 1024;      // in kB

struct TuneContext {
  const TuneRequest& request;
  const model::Catalog& catalog;
  const model::Workload& workload;
  const model::Statistics* statistics = nullptr;  // nullable
  ops::PressureMap pressure;
  WorkloadProfile profile;
  int max_connections = 0;
  int64_t ram_kb = 0;
  std::optional<int64_t> data_bytes;  // total size of the tables, when statistics know it

  WorkloadClass Class() const { return profile.workload_class; }
  int Cpus() const { return request.hardware.cpus; }
  StorageKind Storage() const { return request.hardware.storage; }
  // "16GB RAM (--ram)", "4 CPUs (detected on this machine)", "SSD (assumed)"
  std::string RamFact() const;
  std::string CpuFact() const;
  std::string StorageFact() const;
};

WorkloadProfile ClassifyWorkload(const model::Workload& workload, const model::Statistics* statistics,
                                 std::optional<WorkloadClass> given);

// Connections the server must accept: the given number, else a pooled setup's need.
int PooledServerConnections(const HardwareFacts& hardware);
int DeriveMaxConnections(const TuneRequest& request);

void AddSetting(TuneAdvice& advice, std::string name, std::string value, std::string category, std::string reason,
                std::string postgres_default, bool restart_required = false);

// "16 GB", "1.5 GB", "512 MB": memory in words for reasons.
std::string HumanMemory(int64_t kb);

// Rounds kB down to a value that reads well: whole GB from 4GB, multiples of 64MB from 1GB, whole MB below.
int64_t RoundMemoryKb(int64_t kb);

void AddMemorySettings(const TuneContext& context, TuneAdvice& advice);
void AddWalSettings(const TuneContext& context, TuneAdvice& advice);
void AddPlannerSettings(const TuneContext& context, TuneAdvice& advice);
void AddParallelSettings(const TuneContext& context, TuneAdvice& advice);
void AddAutovacuumSettings(const TuneContext& context, TuneAdvice& advice);
void AddTableOverrides(const TuneContext& context, TuneAdvice& advice);
void AddConnectionSettings(const TuneContext& context, TuneAdvice& advice);
void AddObservabilitySettings(const TuneContext& context, TuneAdvice& advice);
PoolerAdvice AdvisePooler(const TuneContext& context);

// The autovacuum_max_workers the autovacuum piece chooses (the memory piece budgets their memory).
int AutovacuumWorkers(const TuneContext& context);
// max_parallel_workers the parallel piece chooses (the memory piece budgets their work_mem).
int ParallelWorkers(const TuneContext& context);

}  // namespace dbarch::analyzers::tune
