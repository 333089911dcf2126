#include "verify/scratch_cluster.h"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>

namespace dbarch::verify {
namespace {

namespace fs = std::filesystem;

constexpr const char* kInstallHint =
    "PostgreSQL's server is not installed. On Debian/Ubuntu: `apt-get install postgresql-15 postgresql-15-hypopg` "
    "(or run ./setup.sh); elsewhere install PostgreSQL 13+ and pass --pg-bindir DIR (the folder holding initdb).";

// Running clusters, for the signal handlers. Fixed-size and lock-free: a signal handler may only read it.
struct ClusterSlot {
  std::atomic<pid_t> postmaster{-1};
  std::atomic<pid_t> watchdog{-1};
  std::atomic<int> watchdog_fd{-1};
};
std::array<ClusterSlot, 16> g_clusters;

ClusterSlot* ClaimSlot() {
  for (ClusterSlot& slot : g_clusters) {
    pid_t expected = -1;
    if (slot.watchdog.compare_exchange_strong(expected, 0)) return &slot;
  }
  return nullptr;
}

ClusterSlot* FindSlot(pid_t watchdog) {
  for (ClusterSlot& slot : g_clusters) {
    if (slot.watchdog.load() == watchdog) return &slot;
  }
  return nullptr;
}

bool Executable(const fs::path& path) { return access(path.c_str(), X_OK) == 0; }

std::string RunAndCapture(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return output;
}

bool HoldsServer(const fs::path& bindir) {
  return Executable(bindir / "initdb") && Executable(bindir / "postgres");
}

std::string ReadTail(const fs::path& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > max_bytes) text = "…" + text.substr(text.size() - max_bytes);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

struct OsUser {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};

Result<OsUser> ServerUser(const std::string& wanted) {
  OsUser user;
  if (geteuid() != 0) {
    if (const passwd* self = getpwuid(geteuid())) user.name = self->pw_name;
    return user;
  }
  // initdb and postgres refuse to run as root.
  const passwd* entry = getpwnam(wanted.c_str());
  if (entry == nullptr) {
    return Status::Unavailable(fmt::format(
        "dbarch runs as root and PostgreSQL refuses root, but there is no `{}` OS user to run the scratch server "
        "as (installing the postgresql package creates it)", wanted));
  }
  user.switch_user = true;
  user.uid = entry->pw_uid;
  user.gid = entry->pw_gid;
  user.name = entry->pw_name;
  return user;
}

// In a forked child, before exec: only async-signal-safe calls.
void BecomeUser(const OsUser& user) {
  if (!user.switch_user) return;
  if (setgroups(0, nullptr) != 0 || setgid(user.gid) != 0 || setuid(user.uid) != 0) _exit(126);
}

void RedirectOutput(const char* log_path) {
  const int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
  }
  const int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    close(null_fd);
  }
}

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return argv;
}

// Runs a program as `user` in its own session, output appended to log_path, and waits for it.
Result<int> RunAs(const OsUser& user, std::vector<std::string> args, const std::string& log_path) {
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid < 0) return Status::Unavailable("fork failed");
  if (pid == 0) {
    setsid();
    RedirectOutput(log_path.c_str());
    BecomeUser(user);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Status::Unavailable("waitpid failed");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Signals a process and waits up to `timeout` for it to end; true when it ended (reaped if it is our child).
bool SignalAndWait(pid_t pid, int signo, std::chrono::milliseconds timeout) {
  if (pid <= 0) return true;
  kill(pid, signo);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t reaped = waitpid(pid, &status, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno == ECHILD && kill(pid, 0) != 0)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The watchdog: a tiny shell in its own session that blocks reading a pipe whose write end only dbarch holds.
// When dbarch ends in any way — even SIGKILL — the read returns, and the watchdog stops the server and
// removes the directory. In an orderly stop dbarch has already done both, and the watchdog finds nothing.
constexpr const char* kWatchdogScript = R"(read _ignored
pid_file="$1/data/postmaster.pid"
if [ -f "$pid_file" ]; then
  pid=$(head -n 1 "$pid_file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -QUIT "$pid" 2>/dev/null
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
    kill -KILL "$pid" 2>/dev/null
  fi
fi
# A server child that outlived the postmaster for a moment may still write into the directory while rm runs
# (rm then cannot remove it), so remove until it is gone.
i=0
while [ "$2" != keep ] && [ -e "$1" ] && [ $i -lt 100 ]; do
  rm -rf "$1" 2>/dev/null || sleep 0.1
  i=$((i+1))
done
)";

// Directories of earlier runs that were killed together with their watchdog (e.g. `kill -9` of the whole
// process group): their owner file names a dead process. Removed before starting a new cluster.
void RemoveAbandonedClusters(const fs::path& parent) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("dbarch-scratch-")) continue;
    std::ifstream owner(entry.path() / "dbarch.owner");
    long owner_pid = 0;
    if (!(owner >> owner_pid) || owner_pid <= 0) continue;
    if (kill(static_cast<pid_t>(owner_pid), 0) == 0 || errno != ESRCH) continue;
    std::ifstream postmaster(entry.path() / "data" / "postmaster.pid");
    long server_pid = 0;
    if (postmaster >> server_pid && server_pid > 0 && kill(static_cast<pid_t>(server_pid), 0) == 0) {
      SignalAndWait(static_cast<pid_t>(server_pid), SIGQUIT, std::chrono::seconds(5));
    }
    fs::remove_all(entry.path(), error);
  }
}

}  // namespace

Result<PostgresBinaries> FindPostgresBinaries(const std::string& hint) {
  std::vector<fs::path> candidates;
  if (!hint.empty()) {
    if (!HoldsServer(hint)) {
      return Status::NotFound(fmt::format("--pg-bindir {}: no initdb and postgres there", hint));
    }
    candidates.push_back(hint);
  } else {
    const std::string from_pg_config = RunAndCapture("pg_config --bindir 2>/dev/null");
    if (!from_pg_config.empty()) candidates.push_back(from_pg_config);
    std::error_code error;
    std::vector<std::pair<int, fs::path>> versions;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
      const std::string name = entry.path().filename().string();
      if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) {
        versions.emplace_back(std::atoi(name.c_str()), entry.path() / "bin");
      }
    }
    std::sort(versions.rbegin(), versions.rend());
    for (const auto& [version, path] : versions) candidates.push_back(path);
  }
  for (const fs::path& bindir : candidates) {
    if (!HoldsServer(bindir)) continue;
    PostgresBinaries binaries;
    binaries.bindir = bindir.string();
    binaries.version_string = RunAndCapture(fmt::format("'{}' --version 2>/dev/null", (bindir / "postgres").string()));
    const size_t paren = binaries.version_string.find(") ");
    if (paren != std::string::npos) binaries.major_version = std::atoi(binaries.version_string.c_str() + paren + 2);
    return binaries;
  }
  return Status::NotFound(kInstallHint);
}

Result<std::unique_ptr<ScratchCluster>> ScratchCluster::Start(const ScratchClusterOptions& options) {
  std::unique_ptr<ScratchCluster> cluster(new ScratchCluster());
  Status status = cluster->Initialize(options);
  if (!status.ok()) {
    cluster->Stop();
    return status;
  }
  return cluster;
}

Status ScratchCluster::Initialize(const ScratchClusterOptions& options) {
  auto binaries = FindPostgresBinaries(options.bindir);
  if (!binaries.ok()) return binaries.status();
  binaries_ = *binaries;
  keep_ = options.keep;
  auto user = ServerUser(options.os_user);
  if (!user.ok()) return user.status();
  superuser_ = "postgres";
  switch_user_ = user->switch_user;
  server_uid_ = user->uid;
  server_gid_ = user->gid;

  fs::path parent = options.parent_dir;
  if (parent.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    parent = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  RemoveAbandonedClusters(parent);
  std::string pattern = (parent / "dbarch-scratch-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError(fmt::format("cannot create a temporary directory in {}: {}", parent.string(),
                                       std::strerror(errno)));
  }
  directory_ = pattern;
  data_dir_ = (fs::path(directory_) / "data").string();
  // A unix socket path is limited to 107 bytes: "<dir>/.s.PGSQL.5432".
  if (directory_.size() + 16 > 107) {
    return Status::Unavailable(fmt::format("temporary directory path {} is too long for a unix socket; set TMPDIR "
                                           "to a shorter path", directory_));
  }
  { std::ofstream(fs::path(directory_) / "dbarch.owner") << getpid() << "\n"; }
  if (user->switch_user && chown(directory_.c_str(), user->uid, user->gid) != 0) {
    return Status::IoError(fmt::format("cannot hand {} to the {} user: {}", directory_, user->name, std::strerror(errno)));
  }

  // The watchdog first, so that from here on nothing can outlive dbarch.
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return Status::Unavailable("pipe failed");
  ClusterSlot* slot = ClaimSlot();
  if (slot == nullptr) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return Status::Internal("too many scratch clusters in one process");
  }
  std::vector<std::string> watchdog_args = {"/bin/sh", "-c", kWatchdogScript, "dbarch-watchdog", directory_,
                                            keep_ ? "keep" : "remove"};
  std::vector<char*> watchdog_argv = Argv(watchdog_args);
  const pid_t watchdog = fork();
  if (watchdog < 0) return Status::Unavailable("fork failed");
  if (watchdog == 0) {
    setsid();  // Ctrl-C on the terminal must not reach it
    dup2(pipe_fds[0], STDIN_FILENO);
    const int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) {
      dup2(null_fd, STDOUT_FILENO);
      dup2(null_fd, STDERR_FILENO);
    }
    execv(watchdog_argv[0], watchdog_argv.data());
    _exit(127);
  }
  close(pipe_fds[0]);
  watchdog_pid_ = watchdog;
  watchdog_fd_ = pipe_fds[1];
  slot->watchdog_fd.store(watchdog_fd_);
  slot->watchdog.store(watchdog_pid_);

  if (options.populate_data_dir) {
    std::error_code error;
    fs::create_directory(data_dir_, error);
    if (error) return Status::IoError(fmt::format("cannot create {}: {}", data_dir_, error.message()));
    fs::permissions(data_dir_, fs::perms::owner_all, error);
    DBARCH_RETURN_IF_ERROR(HandToServerUser(data_dir_));
    DBARCH_RETURN_IF_ERROR(options.populate_data_dir(*this, data_dir_));
  } else {
    const std::string initdb_log = (fs::path(directory_) / "initdb.log").string();
    auto initdb = RunAs(*user, {(fs::path(binaries_.bindir) / "initdb").string(), "-D", data_dir_, "-U", superuser_,
                                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                        initdb_log);
    if (!initdb.ok()) return initdb.status();
    if (*initdb != 0) {
      return Status::Unavailable(fmt::format("initdb failed (exit {}):\n{}", *initdb, ReadTail(initdb_log, 2000)));
    }
  }

  // Speed over durability: the cluster is thrown away. Planner settings stay at PostgreSQL's defaults so
  // plans look like a default production server's; callers pass the live server's settings when known.
  std::map<std::string, std::string> settings = {
      {"listen_addresses", "''"},
      {"port", std::to_string(port_)},
      {"unix_socket_directories", "'" + directory_ + "'"},
      {"fsync", "off"},
      {"synchronous_commit", "off"},
      {"full_page_writes", "off"},
      {"wal_level", "minimal"},
      {"max_wal_senders", "0"},
      {"max_wal_size", "'4GB'"},
      {"checkpoint_timeout", "'30min'"},
      {"autovacuum", "off"},  // dbarch runs ANALYZE itself; background work would add noise to timings
      {"shared_buffers", "'256MB'"},
      {"maintenance_work_mem", "'256MB'"},
      {"max_connections", "40"},
      {"jit", "off"},  // JIT compile time makes timings of small queries noisy
      {"shared_preload_libraries", "'pg_stat_statements'"},
      {"pg_stat_statements.track", "all"},
      {"logging_collector", "off"},
      {"log_min_messages", "warning"},
      {"log_min_error_statement", "panic"},
  };
  for (const auto& [name, value] : options.settings) {
    std::string expanded = value;
    for (size_t at = expanded.find("{scratch_dir}"); at != std::string::npos; at = expanded.find("{scratch_dir}", at)) {
      expanded.replace(at, std::string("{scratch_dir}").size(), directory_);
      at += directory_.size();
    }
    settings[name] = expanded;
  }
  {
    std::ofstream conf(fs::path(data_dir_) / "postgresql.auto.conf", std::ios::app);
    conf << "# written by dbarch for a scratch cluster\n";
    for (const auto& [name, value] : settings) conf << name << " = " << value << "\n";
    if (!conf) return Status::IoError("cannot write postgresql.auto.conf in " + data_dir_);
  }

  const std::string server_log = (fs::path(directory_) / "server.log").string();
  std::vector<std::string> server_args = {(fs::path(binaries_.bindir) / "postgres").string(), "-D", data_dir_};
  std::vector<char*> server_argv = Argv(server_args);
  const pid_t server = fork();
  if (server < 0) return Status::Unavailable("fork failed");
  if (server == 0) {
    setsid();  // Ctrl-C must not reach the server: dbarch shuts it down in order
    RedirectOutput(server_log.c_str());
    BecomeUser(*user);
    execv(server_argv[0], server_argv.data());
    _exit(127);
  }
  postmaster_pid_ = server;
  slot->postmaster.store(server);

  const std::string ping = ConnInfo("postgres");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.start_timeout_s);
  while (true) {
    if (PQping(ping.c_str()) == PQPING_OK) break;
    int status = 0;
    if (waitpid(server, &status, WNOHANG) == server) {
      postmaster_pid_ = -1;
      slot->postmaster.store(-1);
      return Status::Unavailable(fmt::format("the scratch PostgreSQL server exited during startup:\n{}",
                                             ReadTail(server_log, 2000)));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Unavailable(fmt::format("the scratch PostgreSQL server did not accept connections within {} s:\n{}",
                                             options.start_timeout_s, ReadTail(server_log, 2000)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return Status::Ok();
}

ScratchCluster::~ScratchCluster() { Stop(); }

Status ScratchCluster::Stop() {
  if (stopped_) return Status::Ok();
  stopped_ = true;
  Status status;
  ClusterSlot* slot = FindSlot(watchdog_pid_);
  if (postmaster_pid_ > 0) {
    // Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL.
    if (!SignalAndWait(postmaster_pid_, SIGINT, std::chrono::seconds(15)) &&
        !SignalAndWait(postmaster_pid_, SIGQUIT, std::chrono::seconds(5)) &&
        !SignalAndWait(postmaster_pid_, SIGKILL, std::chrono::seconds(5))) {
      status = Status::Unavailable(fmt::format("scratch server (pid {}) did not stop", postmaster_pid_));
    }
    postmaster_pid_ = -1;
    if (slot != nullptr) slot->postmaster.store(-1);
  }
  if (!directory_.empty() && !keep_) {
    std::error_code error;
    fs::remove_all(directory_, error);
    if (error && status.ok()) status = Status::IoError(fmt::format("cannot remove {}: {}", directory_, error.message()));
  }
  if (watchdog_fd_ >= 0) {
    if (slot != nullptr) slot->watchdog_fd.store(-1);
    close(watchdog_fd_);
    watchdog_fd_ = -1;
  }
  if (watchdog_pid_ > 0) {
    SignalAndWait(watchdog_pid_, 0, std::chrono::seconds(15));
    if (slot != nullptr) slot->watchdog.store(-1);
    watchdog_pid_ = -1;
  } else if (slot != nullptr) {
    slot->watchdog.store(-1);
  }
  return status;
}

std::string ScratchCluster::ConnInfo(const std::string& dbname) const {
  return fmt::format("host='{}' port={} user={} dbname='{}'", directory_, port_, superuser_, dbname);
}

Result<PgConnection> ScratchCluster::Connect(const std::string& dbname, int statement_timeout_ms) const {
  ConnectOptions options;
  options.conninfo = ConnInfo(dbname);
  options.read_only = false;
  options.statement_timeout_ms = statement_timeout_ms;
  options.lock_timeout_ms = 0;
  options.application_name = "dbarch-scratch";
  return PgConnection::Connect(options);
}

Result<std::string> ScratchCluster::CreateDatabase(const std::string& name) {
  auto admin = Connect("postgres");
  if (!admin.ok()) return admin.status();
  DBARCH_RETURN_IF_ERROR(admin->Execute("CREATE DATABASE " + admin->QuoteIdentifier(name)));
  auto database = Connect(name);
  if (!database.ok()) return database.status();
  DBARCH_RETURN_IF_ERROR(database->Execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
  if (!database->Execute("CREATE EXTENSION IF NOT EXISTS hypopg").ok()) hypopg_available_ = false;
  return name;
}

Result<int> ScratchCluster::RunAsServerUser(std::vector<std::string> args, const std::string& log_path) const {
  OsUser user;
  user.switch_user = switch_user_;
  user.uid = server_uid_;
  user.gid = server_gid_;
  return RunAs(user, std::move(args), log_path);
}

Result<pid_t> ScratchCluster::SpawnAsServerUser(std::vector<std::string> args, const std::string& log_path) const {
  OsUser user;
  user.switch_user = switch_user_;
  user.uid = server_uid_;
  user.gid = server_gid_;
  std::vector<char*> argv = Argv(args);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return Status::Unavailable("fork failed");
  if (pid == 0) {
    RedirectOutput(log_path.c_str());
    BecomeUser(user);
    // After the credential change (which clears it): die with dbarch, even on SIGKILL.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

void ScratchCluster::StopHelper(pid_t pid) {
  if (pid <= 0) return;
  if (!SignalAndWait(pid, SIGTERM, std::chrono::seconds(5))) SignalAndWait(pid, SIGKILL, std::chrono::seconds(5));
}

Status ScratchCluster::HandToServerUser(const std::string& path) const {
  if (!switch_user_) return Status::Ok();
  auto hand = [&](const fs::path& p) -> Status {
    if (lchown(p.c_str(), server_uid_, server_gid_) != 0) {
      return Status::IoError(fmt::format("cannot hand {} to the server's user: {}", p.string(), std::strerror(errno)));
    }
    return Status::Ok();
  };
  DBARCH_RETURN_IF_ERROR(hand(path));
  std::error_code error;
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::recursive_directory_iterator(path, error)) DBARCH_RETURN_IF_ERROR(hand(entry.path()));
  }
  return Status::Ok();
}

std::string ScratchCluster::ReadServerLog(size_t max_bytes) const {
  return ReadTail(fs::path(directory_) / "server.log", max_bytes);
}

void StopAllScratchClustersFromSignalHandler() {
  // Closing the pipe wakes each watchdog, which stops the server and removes the directory; waiting for it
  // makes the exit status of dbarch mean "everything is cleaned up".
  for (ClusterSlot& slot : g_clusters) {
    const int fd = slot.watchdog_fd.exchange(-1);
    if (fd >= 0) close(fd);
  }
  for (ClusterSlot& slot : g_clusters) {
    const pid_t watchdog = slot.watchdog.load();
    if (watchdog > 0) {
      int status = 0;
      waitpid(watchdog, &status, 0);
    }
  }
}

}  // namespace dbarch::verify
