// A private, throwaway PostgreSQL server: `initdb` into a fresh temporary directory, the server listening
// only on a unix socket inside that directory (no TCP), tuned for speed (fsync off) with pg_stat_statements
// preloaded and HypoPG available. Run as the `postgres` OS user when dbarch runs as root (initdb refuses
// root). Started once per run and always stopped and removed: by Stop()/the destructor, by the signal
// handlers on SIGINT/SIGTERM/SIGHUP, and — when dbarch itself is killed — by a watchdog process that
// notices its parent is gone.
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct PostgresBinaries {
  std::string bindir;  // holds initdb, postgres, pg_ctl
  int major_version = 0;
  std::string version_string;  // "postgres (PostgreSQL) 15.18 …"
};

// Finds the server binaries: `hint` if given, else `pg_config --bindir` when it holds initdb, else the highest
// /usr/lib/postgresql/<major>/bin. kNotFound with how to install PostgreSQL when there is none.
Result<PostgresBinaries> FindPostgresBinaries(const std::string& hint = "");

class ScratchCluster;

struct ScratchClusterOptions {
  std::string bindir;           // empty: FindPostgresBinaries()
  std::string parent_dir;       // where the temporary directory goes; empty: $TMPDIR or /tmp
  std::string os_user = "postgres";  // used only when running as root
  // Extra postgresql.conf settings, applied after dbarch's defaults (so they win). "{scratch_dir}" in a value
  // is replaced by the cluster's directory (e.g. an archive_command whose repository lives inside it).
  std::map<std::string, std::string> settings;
  // When set, fills the (existing, empty, server-owned) data directory instead of initdb — e.g. a restore
  // from a backup; the server then starts on what it wrote, with the settings above appended.
  std::function<Status(const ScratchCluster& cluster, const std::string& data_dir)> populate_data_dir;
  bool keep = false;            // leave the directory (not the server) behind, for debugging
  int start_timeout_s = 60;
};

class ScratchCluster {
 public:
  static Result<std::unique_ptr<ScratchCluster>> Start(const ScratchClusterOptions& options = {});
  ~ScratchCluster();
  ScratchCluster(const ScratchCluster&) = delete;
  ScratchCluster& operator=(const ScratchCluster&) = delete;

  // Stops the server (fast shutdown, then immediate if it lingers) and removes the directory. Idempotent.
  Status Stop();

  // Connects as the cluster's superuser. Scratch connections are read-write with no statement timeout
  // unless the caller sets one.
  Result<PgConnection> Connect(const std::string& dbname = "postgres", int statement_timeout_ms = 0) const;
  // key=value conninfo for the socket (host=<dir> port=<port> user=<superuser> dbname=…).
  std::string ConnInfo(const std::string& dbname = "postgres") const;
  // Creates an empty database with pg_stat_statements and hypopg installed; returns its name.
  Result<std::string> CreateDatabase(const std::string& name);

  const std::string& directory() const { return directory_; }  // the temporary directory (data + socket)
  const std::string& data_dir() const { return data_dir_; }
  const std::string& socket_dir() const { return directory_; }
  int port() const { return port_; }
  pid_t postmaster_pid() const { return postmaster_pid_; }
  const PostgresBinaries& binaries() const { return binaries_; }
  const std::string& superuser() const { return superuser_; }
  // False when the hypopg extension could not be created (what-if analysis then builds real indexes).
  bool hypopg_available() const { return hypopg_available_; }
  // Runs a program as the server's OS user (the `postgres` user under root), in its own session with standard
  // output and error appended to log_path; returns its exit code. For tools that must act as the server's
  // owner on its files, such as pgBackRest.
  Result<int> RunAsServerUser(std::vector<std::string> args, const std::string& log_path) const;
  // Starts a long-running helper (PgBouncer) as the server's OS user without waiting for it; output is appended
  // to log_path. The helper gets SIGTERM when dbarch dies (PR_SET_PDEATHSIG), so it never outlives the run;
  // stop it with StopHelper.
  Result<pid_t> SpawnAsServerUser(std::vector<std::string> args, const std::string& log_path) const;
  // SIGTERM, then SIGKILL after 5 s; reaps it.
  static void StopHelper(pid_t pid);
  // Makes a path (recursively) owned by the server's OS user; a no-op when not running as root.
  Status HandToServerUser(const std::string& path) const;
  // The server log (for error messages when something fails).
  std::string ReadServerLog(size_t max_bytes = 4000) const;

 private:
  ScratchCluster() = default;
  Status Initialize(const ScratchClusterOptions& options);

  PostgresBinaries binaries_;
  std::string directory_;
  std::string data_dir_;
  std::string superuser_;
  int port_ = 5432;
  pid_t postmaster_pid_ = -1;
  pid_t watchdog_pid_ = -1;
  int watchdog_fd_ = -1;  // write end of the watchdog's pipe; closing it makes the watchdog clean up
  bool keep_ = false;
  bool stopped_ = false;
  bool hypopg_available_ = true;
  bool switch_user_ = false;
  uid_t server_uid_ = 0;
  gid_t server_gid_ = 0;
};

// Stops and removes every running scratch cluster (used by the CLI's signal handlers: async-signal-safe).
void StopAllScratchClustersFromSignalHandler();

}  // namespace dbarch::verify
