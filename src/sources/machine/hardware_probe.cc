#include "sources/machine/hardware_probe.h"

#include <sched.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dbarch::sources {

namespace {

std::optional<std::string> ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return line;
}

// cgroup v2 limits of this process (containers): memory.max and cpu.max ("quota period" or "max").
std::optional<int64_t> CgroupMemoryLimit() {
  auto line = ReadFirstLine("/sys/fs/cgroup/memory.max");
  if (!line || *line == "max") return std::nullopt;
  try {
    return std::stoll(*line);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<int> CgroupCpuLimit() {
  auto line = ReadFirstLine("/sys/fs/cgroup/cpu.max");
  if (!line) return std::nullopt;
  std::istringstream in(*line);
  std::string quota;
  double period = 0;
  in >> quota >> period;
  if (quota == "max" || period <= 0) return std::nullopt;
  try {
    return std::max(1, static_cast<int>(std::ceil(std::stod(quota) / period)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// /sys/dev/block/<major>:<minor> links to the partition or disk; a partition's parent holds queue/.
std::optional<bool> Rotational(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return std::nullopt;
  std::error_code error;
  auto device = std::filesystem::canonical(
      "/sys/dev/block/" + std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev)), error);
  if (error) return std::nullopt;
  for (auto dir = device; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (auto flag = ReadFirstLine((dir / "queue" / "rotational").string())) return *flag == "1";
  }
  return std::nullopt;
}

}  // namespace

ProbedHardware ProbeHardware(const std::string& path) {
  ProbedHardware out;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page_size > 0) out.ram_bytes = static_cast<int64_t>(pages) * page_size;
  if (auto limit = CgroupMemoryLimit(); limit && *limit > 0 && *limit < out.ram_bytes) out.ram_bytes = *limit;

  cpu_set_t set;
  CPU_ZERO(&set);
  out.cpus = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  if (auto limit = CgroupCpuLimit(); limit && *limit < out.cpus) out.cpus = *limit;
  out.rotational = Rotational(path);
  return out;
}

}  // namespace dbarch::sources
