// Memory: shared_buffers, effective_cache_size, work_mem, maintenance_work_mem, autovacuum_work_mem.
//
// work_mem is the one that can exhaust a server: it is per sort/hash node, per backend, and parallel
// workers each get their own. So it is sized from the memory left after shared_buffers, the share of that
// the workload kind may use for query memory (the rest stays OS page cache), and the worst case of every
// connection and parallel worker running the workload's heaviest common statement at once.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

namespace {

// Of the memory left after shared_buffers, the share queries may use for sorts and hashes. Short web
// statements rarely sort much; a warehouse lives on big sorts and hashes.
double QueryMemoryShare(WorkloadClass kind) {
  switch (kind) {
    case WorkloadClass::kWeb: return 0.25;
    case WorkloadClass::kOltp: return 0.25;
    case WorkloadClass::kMixed: return 0.35;
    case WorkloadClass::kWarehouse: return 0.5;
  }
  return 0.25;
}

}  // namespace

void AddMemorySettings(const TuneContext& c, TuneAdvice& advice) {
  const int64_t ram = c.ram_kb;

  // shared_buffers: PostgreSQL's documentation starts at 25 % of RAM; more rarely helps because the OS
  // page cache holds the same pages again. Small machines keep more for the OS and connections.
  const double buffer_share = ram < 2 * kGb ? 0.15 : 0.25;
  const int64_t shared_buffers = std::max<int64_t>(128 * kMb, RoundMemoryKb(static_cast<int64_t>(ram * buffer_share)));
  std::string buffers_reason = fmt::format("{:.0f} % of {}: PostgreSQL's own cache; the OS page cache holds the rest",
                                           buffer_share * 100, c.RamFact());
  if (c.data_bytes) {
    const int64_t data_kb = *c.data_bytes / 1024;
    buffers_reason += data_kb <= shared_buffers
                          ? fmt::format("; the {} of data fits entirely", HumanMemory(data_kb))
                          : fmt::format("; the {} of data is {:.1f}× this, so reads also rely on the OS cache",
                                        HumanMemory(data_kb), static_cast<double>(data_kb) / shared_buffers);
  }
  AddSetting(advice, "shared_buffers", model::FormatMemoryKb(shared_buffers), "memory", buffers_reason, "128MB", true);
  if (shared_buffers >= 8 * kGb) {
    const int64_t pages = (shared_buffers + shared_buffers / 20) / (2 * kMb) + 1;
    advice.notes.push_back(fmt::format(
        "Huge pages: with shared_buffers = {} the page tables of every backend mapping it cost memory and TLB "
        "misses; reserve huge pages (sysctl vm.nr_hugepages = {}, 2 MB pages plus 5 % headroom) and set "
        "huge_pages = on so the server refuses to start without them instead of silently falling back.",
        model::FormatMemoryKb(shared_buffers), pages));
  }

  const int64_t cache = RoundMemoryKb(ram * 3 / 4);
  AddSetting(advice, "effective_cache_size", model::FormatMemoryKb(cache), "memory",
             fmt::format("75 % of {}: shared_buffers plus the OS page cache. Only a planner estimate (allocates "
                         "nothing); too low makes index scans look expensive",
                         c.RamFact()),
             "4GB");

  // maintenance_work_mem: VACUUM, CREATE INDEX, ALTER TABLE ADD FOREIGN KEY. Few run at once.
  const int64_t maintenance = std::clamp<int64_t>(
      RoundMemoryKb(ram / (c.Class() == WorkloadClass::kWarehouse ? 8 : 16)), 64 * kMb, 2 * kGb);
  AddSetting(advice, "maintenance_work_mem", model::FormatMemoryKb(maintenance), "memory",
             fmt::format("{} of RAM, at most 2GB: index builds and VACUUM sort and collect dead rows in it; few run "
                         "at once{}",
                         c.Class() == WorkloadClass::kWarehouse ? "1/8" : "1/16",
                         c.Class() == WorkloadClass::kWarehouse ? " (a warehouse builds large indexes)" : ""),
             "64MB");

  // Every autovacuum worker may take maintenance_work_mem; VACUUM cannot use more than 1GB for dead rows.
  const int workers = AutovacuumWorkers(c);
  const int64_t autovacuum_cap = std::min<int64_t>(kGb, RoundMemoryKb(ram / 8 / workers));
  int64_t autovacuum_mem = maintenance;
  if (maintenance > autovacuum_cap) {
    autovacuum_mem = std::max<int64_t>(64 * kMb, autovacuum_cap);
    AddSetting(advice, "autovacuum_work_mem", model::FormatMemoryKb(autovacuum_mem), "memory",
               fmt::format("{} autovacuum workers × maintenance_work_mem would take {}; VACUUM uses at most 1GB for "
                           "dead-row lists anyway, so each worker gets {} (1/8 of RAM in total)",
                           workers, HumanMemory(maintenance * workers), HumanMemory(autovacuum_mem)),
               "-1");
  }

  // work_mem from the memory left over.
  const int parallel = ParallelWorkers(c);
  const int units = c.profile.sort_hash_nodes;
  const int64_t left = ram - shared_buffers - autovacuum_mem * workers;
  const double share = QueryMemoryShare(c.Class());
  const int64_t budget = static_cast<int64_t>(std::max<int64_t>(0, left) * share);
  const int64_t worst_case_nodes = static_cast<int64_t>(c.max_connections + parallel) * units;
  int64_t work_mem = RoundMemoryKb(budget / std::max<int64_t>(1, worst_case_nodes));
  std::string reason = fmt::format(
      "{:.0f} % of the {} left after shared_buffers and autovacuum ({} for the {} workload; the rest stays page "
      "cache), divided by ({} connections + {} parallel workers) × {} work_mem unit(s) per statement",
      share * 100, HumanMemory(std::max<int64_t>(0, left)), HumanMemory(budget), WorkloadClassName(c.Class()),
      c.max_connections, parallel, units);
  if (work_mem < 4 * kMb) {
    work_mem = 4 * kMb;
    reason += fmt::format(
        " = {}: below PostgreSQL's default, so the default is kept — {} connections are more than this RAM "
        "can give sort memory to; put a pooler in front and lower max_connections",
        HumanMemory(RoundMemoryKb(budget / std::max<int64_t>(1, worst_case_nodes))), c.max_connections);
  } else if (work_mem > 2 * kGb) {
    work_mem = 2 * kGb;
    reason += "; capped at 2GB (beyond it a single sort gains little and one runaway query can take it all)";
  }
  reason += ". Reports that need more: SET LOCAL work_mem in their transaction";
  AddSetting(advice, "work_mem", model::FormatMemoryKb(work_mem), "memory", reason, "4MB");
}

}  // namespace dbarch::analyzers::tune
