// Proves a PgBouncer configuration: the rendered pgbouncer.ini is started for real (as the server's OS user,
// unix socket only) in front of a scratch cluster, and pgbench runs with many more clients than the pool has
// server connections — once directly against the server and once through PgBouncer — while the server's
// connection count is sampled. The pool must serve every client with at most pool size (+ reserve) server
// connections; the throughput of both runs is reported.
#pragma once

#include <functional>
#include <string>

#include "dbarch/status.h"

namespace dbarch::verify {

// Where the check runs PgBouncer; the renderer turns these into the [databases]/[pgbouncer] values.
struct PoolerEndpoints {
  std::string dbname;
  std::string user;               // the scratch cluster's superuser (auth_type trust, in auth_file)
  std::string server_socket_dir;  // host= of the [databases] entry
  int server_port = 0;
  std::string listen_dir;         // unix_socket_dir; no TCP
  int listen_port = 0;
  std::string auth_file, pidfile, logfile;
};
using PgbouncerIniRenderer = std::function<std::string(const PoolerEndpoints&)>;

struct PoolerCheckOptions {
  int clients = 40;
  int seconds = 5;
  int scale = 1;
  std::string bindir;  // PostgreSQL's (pgbench); empty: found
  std::function<void(const std::string&)> progress;
};

struct PoolerCheck {
  int clients = 0;
  int pool_size = 0;                 // default_pool_size + reserve_pool_size
  int max_server_connections = 0;    // observed during the pooled run
  double direct_tps = 0, pooled_tps = 0;
  double direct_latency_ms = 0, pooled_latency_ms = 0;
  std::string pgbouncer_version;
};

// kUnavailable when PgBouncer is not installed or does not start with the configuration (its log is in the
// message).
Result<PoolerCheck> CheckPooler(const PgbouncerIniRenderer& render, int pool_size, const PoolerCheckOptions& options);

}  // namespace dbarch::verify
