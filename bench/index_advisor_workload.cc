#include "index_advisor_workload.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace dbarch::bench {
namespace fs = std::filesystem;

namespace {

Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string IndexAdvisorWorkload::SettingsSql(double scale, double seed) const {
  if (name == "tpch")
    return fmt::format(
        "CREATE TEMP TABLE tpch_settings (sf numeric NOT NULL, seed double precision NOT NULL); "
        "INSERT INTO tpch_settings VALUES ({}, {})",
        scale, seed);
  return fmt::format(
      "CREATE TEMP TABLE job_settings (scale numeric NOT NULL, seed double precision NOT NULL); "
      "INSERT INTO job_settings VALUES ({}, {})",
      scale, seed);
}

Result<std::string> IndexAdvisorWorkload::QueriesSql(double scale) const {
  if (name != "tpch") return ReadText(dir / "queries.sql");
  // TPC-H: qgen.py with the specification's validation parameters (Q11's FRACTION depends on the SF).
  char path[] = "/tmp/tpch_workload_XXXXXX.sql";
  const int fd = mkstemps(path, 4);
  if (fd < 0) return Status::IoError("mkstemps failed");
  close(fd);
  const std::string qgen =
      fmt::format("python3 '{}' --validation --sf {} '{}'", (dir / "qgen.py").string(), scale, path);
  const int status = std::system(qgen.c_str());
  auto text = ReadText(path);
  std::remove(path);
  if (status != 0) return Status::Internal(qgen + " failed");
  return text;
}

Result<IndexAdvisorWorkload> FindIndexAdvisorWorkload(const std::string& name, const fs::path& root) {
  IndexAdvisorWorkload workload;
  workload.name = name;
  workload.dir = root / "bench" / name;
  if (name == "tpch") {
    workload.title = "TPC-H SF";
    workload.default_scale = 0.1;
    workload.query_count = 22;
    workload.dominant = {"Q2", "Q17", "Q20"};
    workload.parameters = "validation parameters";
  } else if (name == "job") {
    workload.title = "JOB-like scale";
    workload.default_scale = 1;
    workload.query_count = 30;
    workload.parameters = "bench/job/queries.sql";
  } else {
    return Status::InvalidInput("--workload must be tpch or job, not " + name);
  }
  return workload;
}

}  // namespace dbarch::bench
