#include "verify/pooler_check.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "verify/config_benchmark.h"
#include "verify/run_program.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {

namespace {

namespace fs = std::filesystem;

std::string FindPgbouncer() {
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
    fs::path candidate = fs::path(dir) / "pgbouncer";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

std::string ReadTail(const std::string& path, size_t max_bytes = 3000) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

Result<PgbenchResult> Pgbench(const std::string& pgbench, const std::string& host, int port, const std::string& user,
                              const std::string& dbname, const PoolerCheckOptions& options) {
  auto run = RunProgram({pgbench, "-h", host, "-p", std::to_string(port), "-U", user, "-n", "-S", "-c",
                         std::to_string(options.clients), "-j", "2", "-T", std::to_string(options.seconds), dbname});
  if (!run.ok()) return run.status();
  if (run->exit_code != 0) return Status::Unavailable(fmt::format("pgbench failed (exit {}):\n{}", run->exit_code, run->output));
  return ParsePgbenchOutput(run->output);
}

}  // namespace

Result<PoolerCheck> CheckPooler(const PgbouncerIniRenderer& render, int pool_size, const PoolerCheckOptions& options) {
  const std::string pgbouncer = FindPgbouncer();
  if (pgbouncer.empty()) return Status::Unavailable("PgBouncer is not installed (Debian: apt-get install pgbouncer)");
  auto binaries = FindPostgresBinaries(options.bindir);
  if (!binaries.ok()) return binaries.status();
  const std::string pgbench = (fs::path(binaries->bindir) / "pgbench").string();

  PoolerCheck check;
  check.clients = options.clients;
  check.pool_size = pool_size;
  if (auto version = RunProgram({pgbouncer, "--version"}); version.ok()) {
    check.pgbouncer_version = version->output.substr(0, version->output.find('\n'));
  }

  ScratchClusterOptions cluster_options;
  cluster_options.bindir = binaries->bindir;
  cluster_options.settings["max_connections"] = std::to_string(options.clients + 10);
  if (options.progress) options.progress("pooler: starting a scratch cluster");
  auto cluster = ScratchCluster::Start(cluster_options);
  if (!cluster.ok()) return cluster.status();
  auto dbname = (*cluster)->CreateDatabase("dbarch_pool");
  if (!dbname.ok()) return dbname.status();
  const std::string dir = (*cluster)->socket_dir();
  const int port = (*cluster)->port();
  const std::string user = (*cluster)->superuser();
  auto init = RunProgram({pgbench, "-h", dir, "-p", std::to_string(port), "-U", user, "-i", "-q", "-s",
                          std::to_string(options.scale), *dbname});
  if (!init.ok()) return init.status();
  if (init->exit_code != 0) return Status::Unavailable("pgbench -i failed:\n" + init->output);

  if (options.progress) options.progress(fmt::format("pooler: pgbench, {} clients, directly", options.clients));
  auto direct = Pgbench(pgbench, dir, port, user, *dbname, options);
  if (!direct.ok()) return direct.status();
  check.direct_tps = direct->tps;
  check.direct_latency_ms = direct->latency_ms;

  PoolerEndpoints endpoints;
  endpoints.dbname = *dbname;
  endpoints.user = user;
  endpoints.server_socket_dir = dir;
  endpoints.server_port = port;
  endpoints.listen_dir = dir;
  endpoints.listen_port = port + 1;
  endpoints.auth_file = (fs::path(dir) / "pgbouncer_users.txt").string();
  endpoints.pidfile = (fs::path(dir) / "pgbouncer.pid").string();
  endpoints.logfile = (fs::path(dir) / "pgbouncer.log").string();
  const std::string ini = (fs::path(dir) / "pgbouncer.ini").string();
  std::ofstream(endpoints.auth_file) << fmt::format("\"{}\" \"\"\n", user);
  std::ofstream(ini) << render(endpoints);
  for (const auto& path : {endpoints.auth_file, ini}) {
    if (Status handed = (*cluster)->HandToServerUser(path); !handed.ok()) return handed;
  }
  const std::string stdout_log = (fs::path(dir) / "pgbouncer.out").string();
  auto pid = (*cluster)->SpawnAsServerUser({pgbouncer, ini}, stdout_log);
  if (!pid.ok()) return pid.status();
  struct Stopper {
    pid_t pid;
    ~Stopper() { ScratchCluster::StopHelper(pid); }
  } stopper{*pid};
  const fs::path socket = fs::path(dir) / (".s.PGSQL." + std::to_string(endpoints.listen_port));
  for (int i = 0; i < 100 && !fs::exists(socket); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (!fs::exists(socket)) {
    return Status::Unavailable(fmt::format("PgBouncer did not start with the generated configuration:\n{}{}",
                                           ReadTail(stdout_log), ReadTail(endpoints.logfile)));
  }

  // Sample the server's client connections to the database while the pooled run goes on.
  std::atomic<bool> running{true};
  std::atomic<int> max_connections{0};
  std::thread sampler([&] {
    auto connection = (*cluster)->Connect(*dbname);
    if (!connection.ok()) return;
    while (running) {
      auto rows = connection->Query(fmt::format(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '{}' AND backend_type = 'client backend' "
          "AND pid <> pg_backend_pid()",
          *dbname));
      if (rows.ok() && rows->rows() == 1) {
        int n = static_cast<int>(rows->GetInt(0, "n"));
        int seen = max_connections.load();
        while (n > seen && !max_connections.compare_exchange_weak(seen, n)) {
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  if (options.progress) options.progress(fmt::format("pooler: pgbench, {} clients, through PgBouncer", options.clients));
  auto pooled = Pgbench(pgbench, dir, endpoints.listen_port, user, *dbname, options);
  running = false;
  sampler.join();
  if (!pooled.ok()) {
    return Status::Unavailable(fmt::format("{}\nPgBouncer log:\n{}", pooled.status().message(), ReadTail(endpoints.logfile)));
  }
  check.pooled_tps = pooled->tps;
  check.pooled_latency_ms = pooled->latency_ms;
  check.max_server_connections = max_connections.load();
  return check;
}

}  // namespace dbarch::verify
