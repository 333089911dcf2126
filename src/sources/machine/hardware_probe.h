// What this machine has: RAM (sysconf, capped by a cgroup memory limit), CPUs usable by this process
// (sched_getaffinity, capped by a cgroup CPU quota), and whether the disk holding a path spins
// (/sys/block/<device>/queue/rotational). For `dbarch tune` run on the database server itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dbarch::sources {

struct ProbedHardware {
  int64_t ram_bytes = 0;
  int cpus = 0;
  std::optional<bool> rotational;  // nullopt when the device of `path` cannot be told
};

ProbedHardware ProbeHardware(const std::string& path = "/");

}  // namespace dbarch::sources
