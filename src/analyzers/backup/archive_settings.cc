// WAL archiving: every completed WAL segment goes to the repository (archive_command = pgbackrest
// archive-push), and archive_timeout closes a partly filled segment on a quiet server, which bounds the
// committed work lost with the server (the RPO) when there is no streaming replica.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/backup/backup_internal.h"

namespace dbarch::analyzers::backup {
namespace {

// Below a minute each forced switch archives a 16 MB segment that is mostly empty (pgBackRest compresses
// it, but the file count and the archive-push calls grow with it).
constexpr int64_t kMinArchiveTimeout = 60;
constexpr int64_t kMaxArchiveTimeout = 3600;
// One 16 MB segment every ~10 s on average (≈ 135 GB/day): archive-push's per-segment process start and
// repository round trip become the bottleneck; asynchronous archiving pushes in parallel batches.
constexpr double kAsyncArchiveBytesPerDay = 135.0 * 1024 * 1024 * 1024;

}  // namespace

void ArchiveSettings(const BackupTargets& t, std::vector<Setting>& postgresql, std::vector<Setting>& archive_push,
                     std::vector<std::string>& notes) {
  postgresql.push_back({"wal_level", "replica",
                        "WAL archiving and physical backups need at least replica ('minimal' omits what they replay)"});
  postgresql.push_back({"archive_mode", "on", "hand every completed WAL segment to archive_command (needs a restart)"});
  postgresql.push_back({"archive_command", fmt::format("'pgbackrest --stanza={} archive-push %p'", t.stanza),
                        "pgBackRest checks, compresses" + std::string(t.encrypt ? ", encrypts" : "") +
                            " and stores each segment in the repository; a failure makes PostgreSQL retry"});
  const int64_t timeout = std::clamp<int64_t>(t.rpo_seconds, kMinArchiveTimeout, kMaxArchiveTimeout);
  std::string why;
  if (t.rpo_seconds == 0) {
    why = "RPO 0 cannot come from archiving (a segment is shipped only when closed): this bounds the archive lag to "
          "a minute; zero loss needs a synchronous standby";
    notes.push_back(
        "RPO 0: WAL archiving alone loses up to archive_timeout of committed work. Add a streaming standby with "
        "synchronous_standby_names = 'ANY 1 (standby1)' and synchronous_commit = on (set them only once the standby "
        "is connected: with no standby every commit waits).");
  } else if (t.rpo_seconds < kMinArchiveTimeout) {
    why = fmt::format("the RPO of {} is below one segment switch a minute: a minute is the floor (shorter forces "
                      "near-empty 16 MB segments); a streaming standby bounds it tighter",
                      FormatDuration(static_cast<double>(t.rpo_seconds)));
  } else {
    why = fmt::format("RPO {}: on a quiet server a partly filled segment is closed and archived at least this often",
                      FormatDuration(static_cast<double>(t.rpo_seconds)));
  }
  postgresql.push_back({"archive_timeout", fmt::format("{}s", timeout), why});
  postgresql.push_back({"max_wal_senders", "10",
                        "replication connections for a standby and pg_basebackup-style tools (PostgreSQL's default; 0 "
                        "would rule out a standby)"});
  postgresql.push_back(
      {"wal_compression", "on", "compresses full-page images: less WAL to archive, store and replay"});

  const double per_day = static_cast<double>(t.change_bytes_per_day);
  if (per_day >= kAsyncArchiveBytesPerDay) {
    archive_push.push_back({"archive-async", "y",
                            fmt::format("{} of WAL a day is a segment every {:.0f}s: push in parallel batches from a "
                                        "spool instead of one process per segment",
                                        FormatBytes(per_day), 16.0 * 1024 * 1024 / std::max(WalBytesPerSecond(t), 1.0))});
    archive_push.push_back({"spool-path", "/var/spool/pgbackrest", "local queue of asynchronous archive-push"});
    archive_push.push_back({"process-max", "4", "parallel archive-push processes for the WAL rate"});
  }
  // If the repository is unreachable, WAL piles up in pg_wal until the disk is full and PostgreSQL stops.
  const double gib = 1024.0 * 1024 * 1024;
  const double queue_gib = std::ceil(std::max(per_day, 4 * gib) / gib);
  archive_push.push_back(
      {"archive-push-queue-max", fmt::format("{:.0f}GiB", queue_gib),
       "if the repository is unreachable, drop WAL (breaking PITR until the next backup) rather than fill pg_wal "
       "and stop the database; about a day of WAL, at least 4 GiB"});
  archive_push.push_back({"compress-level", "3", "zstd level 3: fast enough to keep up with WAL, ~4x smaller"});
}

}  // namespace dbarch::analyzers::backup
